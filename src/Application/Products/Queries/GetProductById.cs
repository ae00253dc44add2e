using AutoMapper;
using AutoMapper.QueryableExtensions;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Products.Queries;

public sealed record GetProductById(int Id) : IRequest<ProductDto>;

public sealed class GetProductByIdHandler(ICatalogReadStore store, ICurrentUser user, IMapper mapper)
    : IRequestHandler<GetProductById, ProductDto>
{
    public Task<ProductDto> Handle(GetProductById request, CancellationToken cancellationToken) =>
        store.ProductDetailAsync(request.Id, user, mapper, cancellationToken);
}

internal static class ProductDetailRead
{
    /// <summary>The product as the caller may see it (projected, untracked); for the query and for commands that answer it.</summary>
    public static async Task<ProductDto> ProductDetailAsync(
        this ICatalogReadStore store, int id, ICurrentUser user, IMapper mapper, CancellationToken cancellationToken)
    {
        var query = store.Products.VisibleTo(user).Where(p => p.Id == id).ProjectTo<ProductDto>(mapper.ConfigurationProvider);
        return await store.FirstOrDefaultAsync(query, cancellationToken) ?? throw new NotFoundException("Product", id);
    }
}
