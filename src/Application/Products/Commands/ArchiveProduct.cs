using AutoMapper;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Products.Commands;

/// <summary>Status → archived (from draft or published; archiving an archived product changes nothing).</summary>
public sealed record ArchiveProduct(int Id) : IRequest<ProductDto>, IWritesProducts
{
    IEnumerable<int> IWritesProducts.ProductIds => [Id];
}

public sealed class ArchiveProductHandler(IProductRepository products, IUnitOfWork unitOfWork, IMapper mapper, TimeProvider clock)
    : IRequestHandler<ArchiveProduct, ProductDto>
{
    public async Task<ProductDto> Handle(ArchiveProduct request, CancellationToken cancellationToken)
    {
        var product = await products.GetAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Product", request.Id);
        product.Archive(clock.GetUtcNow().UtcDateTime);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<ProductDto>(product);
    }
}
