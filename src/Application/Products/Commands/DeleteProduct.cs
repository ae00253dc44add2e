using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Products.Commands;

/// <summary>Deletes a product with its detail, tag links and images.</summary>
public sealed record DeleteProduct(int Id) : IRequest<Unit>;

public sealed class DeleteProductHandler(IProductRepository products, IUnitOfWork unitOfWork) : IRequestHandler<DeleteProduct, Unit>
{
    public async Task<Unit> Handle(DeleteProduct request, CancellationToken cancellationToken)
    {
        var product = await products.GetAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Product", request.Id);
        products.Remove(product);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
