using AutoMapper;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Common;

namespace Shop.Application.Products.Queries;

public sealed record GetProductBySlug(string Slug) : IRequest<ProductDto>;

public sealed class GetProductBySlugHandler(ICatalogReadStore store, ICurrentUser user, IMapper mapper)
    : IRequestHandler<GetProductBySlug, ProductDto>
{
    public async Task<ProductDto> Handle(GetProductBySlug request, CancellationToken cancellationToken)
    {
        // A text that cannot be a slug names no product; asking the database anyway fails on some inputs (NUL on PostgreSQL).
        if (!Slug.IsValid(request.Slug)) throw new NotFoundException("Product", request.Slug);
        var query = store.Products.VisibleTo(user).Where(p => p.Slug == request.Slug).ToProductDtos(store, mapper);
        return await store.FirstOrDefaultAsync(query, cancellationToken) ?? throw new NotFoundException("Product", request.Slug);
    }
}
