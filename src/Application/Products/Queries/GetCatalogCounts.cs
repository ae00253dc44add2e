using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;

namespace Shop.Application.Products.Queries;

/// <summary>The back-office dashboard's numbers (every product, hidden ones included).</summary>
public sealed record GetCatalogCounts : IRequest<CatalogCounts>;

public sealed record CatalogCounts(int Products, int Published, int Drafts, int Archived, int Inactive, int Categories, int Tags);

public sealed class GetCatalogCountsHandler(ICatalogReadStore store) : IRequestHandler<GetCatalogCounts, CatalogCounts>
{
    public async Task<CatalogCounts> Handle(GetCatalogCounts request, CancellationToken cancellationToken)
    {
        var byStatus = await store.ToListAsync(
            store.Products.GroupBy(p => p.Status).Select(g => new { Status = g.Key, Count = g.Count() }), cancellationToken);
        int Of(ProductStatus s) => byStatus.Where(x => x.Status == s).Sum(x => x.Count);
        return new CatalogCounts(
            byStatus.Sum(x => x.Count),
            Of(ProductStatus.Published),
            Of(ProductStatus.Draft),
            Of(ProductStatus.Archived),
            await store.CountAsync(store.Products.Where(p => !p.IsActive), cancellationToken),
            await store.CountAsync(store.Categories, cancellationToken),
            await store.CountAsync(store.Tags, cancellationToken));
    }
}
