using MediatR;
using Microsoft.Extensions.Logging;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Files;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Products.Commands;

/// <summary>Removes one image of a product, with its file.</summary>
public sealed record DeleteProductImage(int ProductId, int ImageId) : IRequest<Unit>, IWritesProducts
{
    IEnumerable<int> IWritesProducts.ProductIds => [ProductId];
}

public sealed class DeleteProductImageHandler(
    IProductRepository products,
    IFileStorage storage,
    IUnitOfWork unitOfWork,
    ILogger<DeleteProductImageHandler> logger) : IRequestHandler<DeleteProductImage, Unit>
{
    public async Task<Unit> Handle(DeleteProductImage request, CancellationToken cancellationToken)
    {
        var product = await products.GetAsync(request.ProductId, cancellationToken) ?? throw new NotFoundException("Product", request.ProductId);
        var image = product.FindImage(request.ImageId) ?? throw new NotFoundException("Image", request.ImageId);
        product.RemoveImage(image);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        // Only once the row is gone: a failed save must leave the image whole, file included.
        await unitOfWork.AfterCommitAsync(() => storage.DeleteQuietlyAsync(image.Files, logger));
        return Unit.Value;
    }
}
