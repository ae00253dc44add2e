using AutoMapper;
using AutoMapper.QueryableExtensions;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;

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
        var query = store.Products.VisibleTo(user).Where(p => p.Id == id).ToProductDtos(store, mapper);
        return await store.FirstOrDefaultAsync(query, cancellationToken) ?? throw new NotFoundException("Product", id);
    }

    /// <summary>The one projection of products to their detail, with image URLs under the store's media prefix.</summary>
    public static IQueryable<ProductDto> ToProductDtos(this IQueryable<Product> products, ICatalogReadStore store, IMapper mapper) =>
        products.ProjectTo<ProductDto>(mapper.ConfigurationProvider, new { mediaPrefix = store.MediaUrlPrefix });

    /// <summary>Images projected as <see cref="ToProductDtos"/> shows them.</summary>
    public static IQueryable<ProductImageDto> ToImageDtos(this IQueryable<ProductImage> images, ICatalogReadStore store, IMapper mapper) =>
        images.ProjectTo<ProductImageDto>(mapper.ConfigurationProvider, new { mediaPrefix = store.MediaUrlPrefix });
}
