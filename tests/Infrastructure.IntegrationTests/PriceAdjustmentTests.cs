using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class PriceAdjustmentTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [Test]
    public async Task Fifty_parallel_decrements_of_one_from_thirty_stop_exactly_at_zero()
    {
        var id = await SaveProductAsync("Contended", 30m);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => AdjustAsync(id, -1m))));

        var product = await LoadAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes.Count(o => o == PriceAdjustmentOutcome.Adjusted), Is.EqualTo(30));
            Assert.That(outcomes.Count(o => o == PriceAdjustmentOutcome.OutOfRange), Is.EqualTo(20));
            Assert.That(product!.Price, Is.EqualTo(0m));
            Assert.That(product.Version, Is.EqualTo(1 + 30));
        }
    }

    [Test]
    public async Task Parallel_increments_and_decrements_lose_no_update()
    {
        var id = await SaveProductAsync("Busy", 500m);

        var amounts = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? 2.5m : -0.75m).ToList();
        var outcomes = await Task.WhenAll(amounts.Select(a => Task.Run(() => AdjustAsync(id, a))));

        Assert.That(outcomes, Has.All.EqualTo(PriceAdjustmentOutcome.Adjusted));
        Assert.That((await LoadAsync(id))!.Price, Is.EqualTo(500m + amounts.Sum()));
    }

    [TestCase("29.99", "0.01", "30.00")]
    [TestCase("0.10", "0.20", "0.30")]
    [TestCase("30", "-29.99", "0.01")]
    [TestCase("99999.99", "0.01", "100000")]
    [TestCase("0.01", "-0.01", "0")]
    [TestCase("100000", "-100000", "0")]
    [TestCase("12.34", "1000.66", "1013.00")]
    public async Task Adjustment_adds_the_amount_exactly(string start, string amount, string expected)
    {
        var id = await SaveProductAsync("Precise", Dec(start));

        var outcome = await AdjustAsync(id, Dec(amount));

        Assert.That(outcome, Is.EqualTo(PriceAdjustmentOutcome.Adjusted));
        Assert.That((await LoadAsync(id))!.Price, Is.EqualTo(Dec(expected)));
    }

    [TestCase("99999.99", "0.02")]
    [TestCase("100000", "0.01")]
    [TestCase("50000", "50000.01")]
    [TestCase("0.50", "-0.51")]
    [TestCase("0", "-0.01")]
    public async Task Adjustment_leaving_the_range_is_out_of_range_and_changes_nothing(string start, string amount)
    {
        var id = await SaveProductAsync("Bounded", Dec(start));
        var createdAt = Clock.UtcNow;
        Clock.Advance(TimeSpan.FromMinutes(1));

        var outcome = await AdjustAsync(id, Dec(amount));

        var product = await LoadAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(PriceAdjustmentOutcome.OutOfRange));
            Assert.That(product!.Price, Is.EqualTo(Dec(start)));
            Assert.That(product.Version, Is.EqualTo(1));
            Assert.That(product.UpdatedAt, Is.EqualTo(createdAt));
        }
    }

    [Test]
    public async Task Adjusting_an_unknown_product_is_not_found()
    {
        await SaveProductAsync("Exists", 10m);

        var outcome = await AdjustAsync(424242, 1m);

        Assert.That(outcome, Is.EqualTo(PriceAdjustmentOutcome.NotFound));
    }

    [Test]
    public async Task Adjustment_bumps_version_and_sets_updated_at_and_touches_no_other_product()
    {
        var id = await SaveProductAsync("Target", 10m);
        var otherId = await SaveProductAsync("Bystander", 10m);
        Clock.Advance(TimeSpan.FromMinutes(3));

        await AdjustAsync(id, 5m);
        await AdjustAsync(id, -2.5m);

        var product = await LoadAsync(id);
        var other = await LoadAsync(otherId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(product!.Price, Is.EqualTo(12.5m));
            Assert.That(product.Version, Is.EqualTo(3));
            Assert.That(product.UpdatedAt, Is.EqualTo(Clock.UtcNow));
            Assert.That(product.UpdatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(other!.Price, Is.EqualTo(10m));
            Assert.That(other.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Saving_a_product_loaded_before_an_adjustment_is_precondition_failed_and_keeps_the_adjustment()
    {
        var id = await SaveProductAsync("Stale", 10m);

        var ex = Assert.ThrowsAsync<PreconditionFailedException>(() => UpdateAsync(id, async (product, _) =>
        {
            await AdjustAsync(id, 5m); // someone else adjusts between this read and this write
            product.Describe("edited from a stale copy");
        }));

        Assert.That(ex, Is.Not.Null);
        var reloaded = await LoadAsync(id);
        Assert.That(reloaded!.Price, Is.EqualTo(15m));
        Assert.That(reloaded.Description, Is.Empty);
    }

    private async Task<PriceAdjustmentOutcome> AdjustAsync(int id, decimal amount) =>
        (await InScope(sp => sp.GetRequiredService<IProductRepository>().AdjustPriceAsync(id, amount, Clock.UtcNow, CancellationToken.None))).Outcome;

    private static decimal Dec(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
