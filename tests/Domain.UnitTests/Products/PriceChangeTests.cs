using Shop.Domain.Common;
using Shop.Domain.Products;

namespace Shop.Domain.UnitTests.Products;

public class PriceChangeTests
{
    [TestCase(19.99, -15, 16.99)]   // 16.9915
    [TestCase(0.05, 10, 0.06)]      // 0.055: half away from zero
    [TestCase(0.15, -50, 0.08)]     // 0.075
    [TestCase(100, -100, 0)]
    [TestCase(99999.99, 0.01, 100009.99)]
    public void A_percent_is_rounded_to_2_decimals_half_away_from_zero(decimal before, decimal percent, decimal after) =>
        Assert.That(PriceChange.ByPercent(percent).Apply(before), Is.EqualTo(after));

    [Test]
    public void An_amount_is_added() => Assert.That(PriceChange.ByAmount(-2.5m).Apply(10m), Is.EqualTo(7.5m));

    [TestCase(0)]
    [TestCase(0.001)]
    public void A_zero_or_sub_cent_amount_is_refused(decimal amount) =>
        Assert.That(() => PriceChange.ByAmount(amount), Throws.TypeOf<DomainException>().With.Property("Field").EqualTo("amount"));

    [TestCase(0)]
    [TestCase(-100.01)]
    [TestCase(100000.01)]
    [TestCase(1.001)]
    public void A_zero_sub_hundredth_or_out_of_bounds_percent_is_refused(decimal percent) =>
        Assert.That(() => PriceChange.ByPercent(percent), Throws.TypeOf<DomainException>().With.Property("Field").EqualTo("percent"));

    [TestCase(null, 33.33)]
    [TestCase(null, 999.99)]
    [TestCase(null, 12345)]
    [TestCase(null, -100)]
    [TestCase(250, null)]
    [TestCase(-99999.99, null)]
    [TestCase(200000, null)]
    public void The_prices_kept_in_range_are_exactly_those_the_change_keeps_in_range(double? amount, double? percent)
    {
        var change = amount is { } a ? PriceChange.ByAmount((decimal)a) : PriceChange.ByPercent((decimal)percent!.Value);
        var (lowest, highest) = change.PricesKeptInRange();
        // Around both bounds, cent by cent, and at the range's ends.
        var prices = new[] { Price.Min, Price.Max, lowest, highest }
            .SelectMany(p => Enumerable.Range(-3, 7).Select(i => p + i * 0.01m))
            .Where(p => p is >= Price.Min and <= Price.Max);
        foreach (var price in prices)
            Assert.That(price >= lowest && price <= highest, Is.EqualTo(change.KeepsInRange(price)), $"{price} → {change.Apply(price)}");
    }
}
