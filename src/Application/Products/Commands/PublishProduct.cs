using AutoMapper;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Products.Commands;

/// <summary>Status → published; <c>publishedAt</c> is set the first time only. Publishing a published product changes nothing.</summary>
public sealed record PublishProduct(int Id) : IRequest<ProductDto>, IWritesProducts
{
    IEnumerable<int> IWritesProducts.ProductIds => [Id];
}

public sealed class PublishProductHandler(IProductRepository products, IUnitOfWork unitOfWork, IMapper mapper, TimeProvider clock)
    : IRequestHandler<PublishProduct, ProductDto>
{
    public async Task<ProductDto> Handle(PublishProduct request, CancellationToken cancellationToken)
    {
        var product = await products.GetAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Product", request.Id);
        product.Publish(clock.GetUtcNow().UtcDateTime);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<ProductDto>(product);
    }
}
