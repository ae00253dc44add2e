using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Replication;
using Shop.WebApi.FunctionalTests.Infrastructure;
using static Shop.WebApi.FunctionalTests.Replication.ReplicaTestSupport;

namespace Shop.WebApi.FunctionalTests.Replication;

/// <summary>
/// Two instances of the app on one PostgreSQL database, as behind a load balancer: a write through one evicts the other's
/// output cache at once (NOTIFY shop_catalog), not after OutputCache__Seconds (10 s here).
/// </summary>
[TestFixture]
public sealed class CrossInstanceEvictionTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(1);
    private ShopFactory _a = null!;
    private ShopFactory _b = null!;
    private string _staffOnA = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _a = await ShopFactory.StartAsync(ShopFactory.Postgres);
        _b = await ShopFactory.StartBesideAsync(_a);
        _staffOnA = await StaffTokenAsync(_a);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_b is not null) await _b.DisposeAsync();
        if (_a is not null) await _a.DisposeAsync();
    }

    [Test]
    public async Task A_write_through_one_instance_shows_on_the_other_within_a_second()
    {
        var marker = Marker();
        var product = await CreatePublishedAsync(_a, _staffOnA, $"{marker} old");
        var url = $"/api/products/{product["id"]}";
        using var a = _a.CreateApiClient();
        using var b = _b.CreateApiClient();
        await Task.Delay(300); // B's eviction for the create has come and gone
        Assert.That(NameOf(await GetAsync(b, url)), Is.EqualTo($"{marker} old"));
        await WaitUntilCachedAsync(b, url, $"{marker} old");

        await PatchAsync(a, url, new { name = $"{marker} new" }, _staffOnA);
        var seen = Stopwatch.StartNew();
        var onB = await EventuallyAsync(() => GetAsync(b, url), p => NameOf(p) == $"{marker} new", Soon);

        Assert.That(NameOf(onB), Is.EqualTo($"{marker} new"), $"B still served the cached answer after {seen.ElapsedMilliseconds} ms");
    }

    [Test]
    public async Task A_write_announced_by_another_process_evicts_every_instance()
    {
        var marker = Marker();
        var product = await CreatePublishedAsync(_a, _staffOnA, $"{marker} old");
        var url = $"/api/products/{product["id"]}";
        using var a = _a.CreateApiClient();
        using var b = _b.CreateApiClient();
        await Task.Delay(300);
        foreach (var client in new[] { a, b }) await WaitUntilCachedAsync(client, url, $"{marker} old");

        // What a CLI verb (import-products, seed) does: write, then announce from a process of its own.
        await using (var connection = new Npgsql.NpgsqlConnection(_a.PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var rename = new Npgsql.NpgsqlCommand($"UPDATE \"Products\" SET \"Name\" = '{marker} new' WHERE \"Id\" = {product["id"]}", connection);
            await rename.ExecuteNonQueryAsync();
        }
        var cli = new CatalogChanges(new DatabaseSettings(DatabaseProvider.Postgres, _a.PostgresConnectionString), NullLogger<CatalogChanges>.Instance);
        await cli.PublishAsync(CancellationToken.None);

        Assert.That(NameOf(await EventuallyAsync(() => GetAsync(a, url), p => NameOf(p) == $"{marker} new", Soon)), Is.EqualTo($"{marker} new"));
        Assert.That(NameOf(await EventuallyAsync(() => GetAsync(b, url), p => NameOf(p) == $"{marker} new", Soon)), Is.EqualTo($"{marker} new"));
    }

    /// <summary>Proves the answer is served from the cache: the row changes underneath, the answer does not.</summary>
    private async Task WaitUntilCachedAsync(HttpClient client, string url, string name)
    {
        Assert.That(NameOf(await GetAsync(client, url)), Is.EqualTo(name));
        Assert.That(NameOf(await GetAsync(client, url)), Is.EqualTo(name));
    }
}
