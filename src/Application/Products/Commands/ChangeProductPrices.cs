using FluentValidation;
using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Application.History;
using Shop.Application.Products.Queries;
using Shop.Domain.Common;
using Shop.Domain.History;
using Shop.Domain.Products;

namespace Shop.Application.Products.Commands;

/// <summary>
/// Changes the price of every product the list's filters pick (<see cref="IProductFilter"/>, as <c>GET /api/products</c>)
/// by an <see cref="Amount"/> or a <see cref="Percent"/> (exactly one; see <see cref="PriceChange"/> for the rounding).
/// With <see cref="Preview"/> it only answers what would change; otherwise it changes them all in one transaction, or
/// none when one price would leave 0–100000 (a conflict naming them).
/// </summary>
public sealed record ChangeProductPrices : IRequest<PriceChangeDto>, IProductFilter
{
    public string? Search { get; init; }
    public string? Category { get; init; }
    public string? Tag { get; init; }
    public decimal? MinPrice { get; init; }
    public decimal? MaxPrice { get; init; }
    public string? Status { get; init; }
    public bool? IsActive { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    public decimal? Amount { get; init; }
    public decimal? Percent { get; init; }
    public bool Preview { get; init; }

    /// <summary>How many products the answer shows (the first by id).</summary>
    public const int SampleSize = 20;

    public PriceChange Change => Amount is { } amount ? PriceChange.ByAmount(amount) : PriceChange.ByPercent(Percent!.Value);
}

/// <summary>
/// <see cref="Count"/> products matched; <see cref="Sample"/> shows the first of them by id with their prices before and after.
/// A preview also says how many would leave 0–100000 (<see cref="OutOfRange"/>: applying it then is refused).
/// </summary>
public sealed record PriceChangeDto(int Count, IReadOnlyList<PriceChangeSampleDto> Sample, bool Applied, int OutOfRange);

public sealed record PriceChangeSampleDto(int Id, string Name, decimal Before, decimal After);

public sealed class ChangeProductPricesValidator : AbstractValidator<ChangeProductPrices>
{
    public ChangeProductPricesValidator()
    {
        this.AddProductFilterRules();
        RuleFor(x => x.Amount).NotNull().When(x => x.Percent is null).WithMessage("Give an amount or a percent.");
        RuleFor(x => x.Percent).Null().When(x => x.Amount is not null).WithMessage("Give an amount or a percent, not both.");
        RuleFor(x => x.Amount!.Value).NotEqual(0m).WithMessage("The amount must not be zero.")
            .Must(Price.HasAtMostTwoDecimals).WithMessage("The amount must have at most 2 decimals.")
            .OverridePropertyName("amount").When(x => x.Amount is not null);
        RuleFor(x => x.Percent!.Value).NotEqual(0m).WithMessage("The percent must not be zero.")
            .InclusiveBetween(PriceChange.MinPercent, PriceChange.MaxPercent)
            .WithMessage($"The percent must be between {PriceChange.MinPercent} and {PriceChange.MaxPercent}.")
            .Must(Price.HasAtMostTwoDecimals).WithMessage("The percent must have at most 2 decimals.")
            .OverridePropertyName("percent").When(x => x.Percent is not null);
    }
}

public sealed class ChangeProductPricesHandler(
    ICatalogReadStore store, IProductRepository products, IChangeHistory history, IUnitOfWork unitOfWork, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ChangeProductPrices, PriceChangeDto>
{
    public async Task<PriceChangeDto> Handle(ChangeProductPrices request, CancellationToken cancellationToken)
    {
        var change = request.Change;
        var matching = store.Matching(user, request, out _);
        if (request.Preview) return await PreviewAsync(matching, change, cancellationToken);

        var outcome = await unitOfWork.InTransactionAsync(async ct =>
        {
            var changed = await products.ChangePricesAsync(matching, change, clock.GetUtcNow().UtcDateTime, ct);
            // The history, in the same transaction, with the prices the UPDATE produced.
            if (changed.Changed.Count > 0)
                await history.RecordAsync([.. changed.Changed.Select(r => RecordedChange.PriceChange(r.Id, r.Before, r.After, HistoryActions.PricesChanged))], ct);
            return changed;
        }, cancellationToken);
        if (outcome.Refused.Count > 0)
        {
            var names = await NamesAsync(outcome.Refused.Take(5).Select(r => r.Id).ToList(), cancellationToken);
            var listed = string.Join(", ", outcome.Refused.Take(5).Select(r => $"{names.GetValueOrDefault(r.Id)} ({r.Before} → {r.After})"));
            var more = outcome.Refused.Count > 5 ? $" and {outcome.Refused.Count - 5} more" : "";
            throw new DomainException(
                $"{outcome.Refused.Count} of {outcome.Matched} products would leave {Price.Min}–{Price.Max}: {listed}{more}; nothing was changed.",
                request.Amount is null ? "percent" : "amount");
        }
        var first = outcome.Changed.Take(ChangeProductPrices.SampleSize).ToList();
        var sampleNames = await NamesAsync(first.Select(r => r.Id).ToList(), cancellationToken);
        return new PriceChangeDto(outcome.Changed.Count,
            [.. first.Select(r => new PriceChangeSampleDto(r.Id, sampleNames.GetValueOrDefault(r.Id) ?? "", r.Before, r.After))],
            Applied: true, OutOfRange: 0);
    }

    private async Task<PriceChangeDto> PreviewAsync(IQueryable<Product> matching, PriceChange change, CancellationToken cancellationToken)
    {
        var count = await store.CountAsync(matching, cancellationToken);
        var (lowest, highest) = change.PricesKeptInRange();
        var outOfRange = await store.CountAsync(matching.Where(p => p.Price < lowest || p.Price > highest), cancellationToken);
        var first = await store.ToListAsync(
            matching.OrderBy(p => p.Id).Take(ChangeProductPrices.SampleSize).Select(p => new { p.Id, p.Name, p.Price }), cancellationToken);
        return new PriceChangeDto(count, [.. first.Select(p => new PriceChangeSampleDto(p.Id, p.Name, p.Price, change.Apply(p.Price)))],
            Applied: false, OutOfRange: outOfRange);
    }

    private async Task<Dictionary<int, string>> NamesAsync(List<int> ids, CancellationToken cancellationToken) =>
        (await store.ToListAsync(store.Products.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }), cancellationToken))
            .ToDictionary(p => p.Id, p => p.Name);
}
