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
    public async Task<ProductDto> Handle(GetProductById request, CancellationToken cancellationToken)
    {
        var query = store.Products.VisibleTo(user).Where(p => p.Id == request.Id).ProjectTo<ProductDto>(mapper.ConfigurationProvider);
        return await store.FirstOrDefaultAsync(query, cancellationToken) ?? throw new NotFoundException("Product", request.Id);
    }
}
