using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;

namespace Shop.Application.Products.Queries;

/// <summary>Counts and prices over the products the caller may see, computed in the database.</summary>
public sealed record GetProductStats : IRequest<ProductStatsDto>;

public sealed record StatusCountsDto(int Draft, int Published, int Archived);

public sealed record CategoryStatsDto(string Slug, string Name, int Count, decimal? AvgPrice);

/// <summary>Prices are null when nothing is counted; averages are rounded half away from zero to cents.</summary>
public sealed record ProductStatsDto(
    int Count, decimal? MinPrice, decimal? MaxPrice, decimal? AvgPrice, StatusCountsDto ByStatus, IReadOnlyList<CategoryStatsDto> ByCategory);

public sealed class GetProductStatsHandler(ICatalogReadStore store, ICurrentUser user) : IRequestHandler<GetProductStats, ProductStatsDto>
{
    public async Task<ProductStatsDto> Handle(GetProductStats request, CancellationToken cancellationToken)
    {
        var visible = store.Products.VisibleTo(user);
        // Sums, not averages, come back from SQL: SQLite keeps money in integer cents and would truncate AVG.
        var byStatus = await store.ToListAsync(visible
            .GroupBy(p => p.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Sum = g.Sum(p => p.Price), Min = g.Min(p => p.Price), Max = g.Max(p => p.Price) }),
            cancellationToken);
        var byCategory = await store.ToListAsync(visible
            .Where(p => p.Category != null)
            .GroupBy(p => new { p.Category!.Slug, p.Category.Name })
            .Select(g => new { g.Key.Slug, g.Key.Name, Count = g.Count(), Sum = g.Sum(p => p.Price) }),
            cancellationToken);

        var count = byStatus.Sum(s => s.Count);
        int Of(ProductStatus status) => byStatus.Where(s => s.Status == status).Sum(s => s.Count);
        return new ProductStatsDto(
            count,
            count == 0 ? null : byStatus.Min(s => s.Min),
            count == 0 ? null : byStatus.Max(s => s.Max),
            Average(byStatus.Sum(s => s.Sum), count),
            new StatusCountsDto(Of(ProductStatus.Draft), Of(ProductStatus.Published), Of(ProductStatus.Archived)),
            byCategory.OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => new CategoryStatsDto(c.Slug, c.Name, c.Count, Average(c.Sum, c.Count)))
                .ToList());
    }

    private static decimal? Average(decimal sum, int count) =>
        count == 0 ? null : Math.Round(sum / count, 2, MidpointRounding.AwayFromZero);
}
