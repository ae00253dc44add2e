using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.History;
using Shop.Application.Products.Queries;
using Shop.Domain.Common;
using Shop.Domain.History;
using Shop.Domain.Products;

namespace Shop.Application.Products.Commands;

/// <summary>Adds <see cref="Amount"/> (may be negative) to the price, atomically in the database.</summary>
public sealed record AdjustProductPrice : IRequest<ProductDto>
{
    [JsonIgnore] public int Id { get; init; }
    public decimal? Amount { get; init; }
}

public sealed class AdjustProductPriceValidator : AbstractValidator<AdjustProductPrice>
{
    public AdjustProductPriceValidator()
    {
        RuleFor(x => x.Amount).NotNull().WithMessage("The amount is required.")
            .NotEqual(0m).WithMessage("The amount must not be zero.")
            .Must(a => a is null || Price.HasAtMostTwoDecimals(a.Value)).WithMessage("The amount must have at most 2 decimals.");
    }
}

public sealed class AdjustProductPriceHandler(
    IProductRepository products, IUnitOfWork unitOfWork, IChangeHistory history, ICatalogReadStore store, ICurrentUser user, IMapper mapper, TimeProvider clock)
    : IRequestHandler<AdjustProductPrice, ProductDto>
{
    public async Task<ProductDto> Handle(AdjustProductPrice request, CancellationToken cancellationToken)
    {
        var amount = request.Amount!.Value;
        // The set-based UPDATE bypasses the change tracker: its history is recorded explicitly, in its transaction.
        var outcome = await unitOfWork.InTransactionAsync(async ct =>
        {
            // No price can absorb more than the whole range; refusing here also keeps absurd amounts out of SQL arithmetic.
            if (Math.Abs(amount) > Price.Max)
                return new PriceAdjustment(await products.ExistsAsync(request.Id, ct) ? PriceAdjustmentOutcome.OutOfRange : PriceAdjustmentOutcome.NotFound);
            var adjustment = await products.AdjustPriceAsync(request.Id, amount, clock.GetUtcNow().UtcDateTime, ct);
            if (adjustment.Outcome == PriceAdjustmentOutcome.Adjusted)
                await history.RecordAsync([RecordedChange.PriceChange(request.Id, adjustment.OldPrice, adjustment.NewPrice, HistoryActions.PriceAdjusted)], ct);
            return adjustment;
        }, cancellationToken);
        return outcome.Outcome switch
        {
            PriceAdjustmentOutcome.NotFound => throw new NotFoundException("Product", request.Id),
            PriceAdjustmentOutcome.OutOfRange => throw new DomainException(
                $"The adjustment would take the price outside {Price.Min}–{Price.Max}; nothing was changed.", "amount"),
            _ => await store.ProductDetailAsync(request.Id, user, mapper, cancellationToken),
        };
    }
}
