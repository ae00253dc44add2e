using FluentValidation;
using MediatR;
using Microsoft.Extensions.Logging;
using Shop.Application.Common.Files;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Common;

namespace Shop.Application.Products.Commands;

public enum ProductAction
{
    Publish,
    Archive,
    Activate,
    Deactivate,
    Delete,
}

/// <summary>The back-office's bulk actions on checked rows, in one transaction.</summary>
public sealed record ApplyToProducts(IReadOnlyList<int> Ids, ProductAction Action) : IRequest<BulkOutcome>, IWritesProducts
{
    IEnumerable<int> IWritesProducts.ProductIds => Ids;
}

/// <summary>How many products changed, and why the others did not (e.g. an archived product cannot be published).</summary>
public sealed record BulkOutcome(int Changed, IReadOnlyList<string> Skipped);

public sealed class ApplyToProductsValidator : AbstractValidator<ApplyToProducts>
{
    public ApplyToProductsValidator()
    {
        RuleFor(x => x.Ids).NotEmpty().WithMessage("Select at least one product.")
            .Must(ids => ids.Count <= 1000).WithMessage("Select at most 1000 products at a time.");
        RuleFor(x => x.Action).IsInEnum();
    }
}

public sealed class ApplyToProductsHandler(
    IProductRepository products,
    IUnitOfWork unitOfWork,
    TimeProvider clock,
    IFileStorage storage,
    ILogger<ApplyToProductsHandler> logger) : IRequestHandler<ApplyToProducts, BulkOutcome>
{
    public async Task<BulkOutcome> Handle(ApplyToProducts request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;
        var skipped = new List<string>();
        var files = new List<string>();
        // One query for the whole selection; ids that no longer exist (deleted meanwhile) are simply not there.
        foreach (var product in await products.GetManyAsync(request.Ids, cancellationToken))
        {
            try
            {
                switch (request.Action)
                {
                    case ProductAction.Publish: product.Publish(now); break;
                    case ProductAction.Archive: product.Archive(now); break;
                    case ProductAction.Activate: product.Activate(); break;
                    case ProductAction.Deactivate: product.Deactivate(); break;
                    case ProductAction.Delete:
                        files.AddRange(product.Images.SelectMany(i => i.Files));
                        products.Remove(product);
                        break;
                }
                changed++;
            }
            catch (DomainException ex)
            {
                skipped.Add($"{product.Name}: {ex.Message}");
            }
        }
        await unitOfWork.SaveChangesAsync(cancellationToken);
        // Deleted products' files go only after the commit, so a failed save leaves every picture in place.
        await unitOfWork.AfterCommitAsync(() => storage.DeleteQuietlyAsync(files, logger));
        return new BulkOutcome(changed, skipped);
    }
}
