using Shop.Domain.Common;

namespace Shop.Domain.Products;

/// <summary>
/// One change applied to many prices at once: add an <see cref="Amount"/> (may be negative), or scale by a
/// <see cref="Percent"/> (-10 is 10 % off). A scaled price is rounded to 2 decimals, half away from zero
/// (19.99 at -15 % is 16.9915 → 16.99; 0.05 at +10 % is 0.055 → 0.06), as both databases round it.
/// </summary>
public sealed record PriceChange
{
    /// <summary>The largest percent accepted: beyond it every price but 0 leaves the range anyway.</summary>
    public const decimal MaxPercent = 100_000m;

    /// <summary>The smallest percent: -100 takes every price to 0; below it a price would turn negative.</summary>
    public const decimal MinPercent = -100m;

    private PriceChange(decimal? amount, decimal? percent) => (Amount, Percent) = (amount, percent);

    public decimal? Amount { get; }
    public decimal? Percent { get; }

    public static PriceChange ByAmount(decimal amount) =>
        amount != 0 && Price.HasAtMostTwoDecimals(amount) ? new(amount, null)
            : throw new DomainException("The amount must be non-zero with at most 2 decimals.", "amount");

    public static PriceChange ByPercent(decimal percent) =>
        percent != 0 && Price.HasAtMostTwoDecimals(percent) && percent is >= MinPercent and <= MaxPercent ? new(null, percent)
            : throw new DomainException($"The percent must be non-zero, between {MinPercent} and {MaxPercent}, with at most 2 decimals.", "percent");

    /// <summary>The price after the change; it may leave the range (see <see cref="KeepsInRange"/>).</summary>
    public decimal Apply(decimal price) => Amount is { } amount
        ? price + amount
        : decimal.Round(price * (100m + Percent!.Value) / 100m, 2, MidpointRounding.AwayFromZero);

    public bool KeepsInRange(decimal price) => Apply(price) is >= Price.Min and <= Price.Max;

    /// <summary>
    /// The prices that stay within 0–100000 after the change, as one range of prices before it (the change is
    /// monotonic), so that a database can count the refusals with a plain comparison.
    /// </summary>
    public (decimal Lowest, decimal Highest) PricesKeptInRange()
    {
        if (Amount is { } amount) return (Math.Max(Price.Min, Price.Min - amount), Math.Min(Price.Max, Price.Max - amount));
        var factor = (100m + Percent!.Value) / 100m;
        if (factor == 0) return (Price.Min, Price.Max);
        // The exact bound, found near its estimate by the same rounding the change uses.
        var highest = Math.Min(Price.Max, decimal.Round(Price.Max / factor, 2, MidpointRounding.ToZero) + 0.02m);
        while (highest > Price.Min && !KeepsInRange(highest)) highest -= 0.01m;
        return (Price.Min, highest);
    }
}
