using MediatR;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Common.Behaviors;

/// <summary>Runs an <see cref="IWritesProducts"/> command in one transaction that begins by locking its products.</summary>
public sealed class ProductWriteBehavior<TRequest, TResponse>(IUnitOfWork unitOfWork, IProductRepository products)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IWritesProducts write) return await next();
        return await unitOfWork.InTransactionAsync(async ct =>
        {
            await products.LockAsync(write.ProductIds.Distinct().Order().ToArray(), ct);
            return await next();
        }, cancellationToken);
    }
}
