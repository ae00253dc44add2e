using AutoMapper;
using MediatR;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Products.Queries;

/// <summary>The products with these ids that the caller may see, by id, in one query (unknown ids are left out).</summary>
public sealed record GetProductsByIds(IReadOnlyList<int> Ids) : IRequest<IReadOnlyList<ProductDto>>;

public sealed class GetProductsByIdsHandler(ICatalogReadStore store, ICurrentUser user, IMapper mapper)
    : IRequestHandler<GetProductsByIds, IReadOnlyList<ProductDto>>
{
    public async Task<IReadOnlyList<ProductDto>> Handle(GetProductsByIds request, CancellationToken cancellationToken)
    {
        if (request.Ids.Count == 0) return [];
        var ids = request.Ids.Distinct().ToArray();
        var query = store.Products.VisibleTo(user).Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id)
            .ToProductDtos(store, mapper);
        return await store.ToListAsync(query, cancellationToken);
    }
}
