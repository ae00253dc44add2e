using MediatR;
using Microsoft.Extensions.Logging;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Files;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Products.Commands;

/// <summary>Deletes a product with its detail, tag links and images.</summary>
public sealed record DeleteProduct(int Id) : IRequest<Unit>, IWritesProducts
{
    IEnumerable<int> IWritesProducts.ProductIds => [Id];
}

public sealed class DeleteProductHandler(
    IProductRepository products,
    IUnitOfWork unitOfWork,
    IFileStorage storage,
    ILogger<DeleteProductHandler> logger) : IRequestHandler<DeleteProduct, Unit>
{
    public async Task<Unit> Handle(DeleteProduct request, CancellationToken cancellationToken)
    {
        var product = await products.GetAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Product", request.Id);
        var files = product.Images.SelectMany(i => i.Files).ToList();
        products.Remove(product);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        // Files go only after the commit: a failed delete must leave the product with its pictures.
        await unitOfWork.AfterCommitAsync(() => storage.DeleteQuietlyAsync(files, logger));
        return Unit.Value;
    }
}
