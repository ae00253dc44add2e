using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Interfaces;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.RateLimiting;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class RateLimitStoreTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private IRateLimitStore Store => Services.GetRequiredService<IRateLimitStore>();

    [Test]
    public async Task The_first_request_opens_a_window_that_ends_one_window_later()
    {
        var counted = await Store.CountAsync("token|203.0.113.1", Window, Clock.UtcNow, CancellationToken.None);

        Assert.That(counted.Count, Is.EqualTo(1));
        Assert.That(counted.EndsAt, Is.EqualTo(Clock.UtcNow + Window));
        Assert.That(counted.EndsAt.Kind, Is.EqualTo(DateTimeKind.Utc));
    }

    [Test]
    public async Task Requests_within_the_window_count_on_and_keep_its_end()
    {
        var opened = Clock.UtcNow;
        await Store.CountAsync("token|203.0.113.1", Window, Clock.UtcNow, CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(59));
        await Store.CountAsync("token|203.0.113.1", Window, Clock.UtcNow, CancellationToken.None);
        var third = await Store.CountAsync("token|203.0.113.1", Window, Clock.UtcNow, CancellationToken.None);

        Assert.That(third.Count, Is.EqualTo(3));
        Assert.That(third.EndsAt, Is.EqualTo(opened + Window));
    }

    [Test]
    public async Task The_first_request_after_the_window_ended_starts_a_new_one()
    {
        for (var i = 0; i < 5; i++) await Store.CountAsync("token|203.0.113.1", Window, Clock.UtcNow, CancellationToken.None);
        Clock.Advance(Window);

        var counted = await Store.CountAsync("token|203.0.113.1", Window, Clock.UtcNow, CancellationToken.None);

        Assert.That(counted.Count, Is.EqualTo(1));
        Assert.That(counted.EndsAt, Is.EqualTo(Clock.UtcNow + Window));
    }

    [Test]
    public async Task Partitions_count_apart()
    {
        await Store.CountAsync("token|203.0.113.1", Window, Clock.UtcNow, CancellationToken.None);
        await Store.CountAsync("token|203.0.113.1", Window, Clock.UtcNow, CancellationToken.None);

        var other = await Store.CountAsync("token|203.0.113.2", Window, Clock.UtcNow, CancellationToken.None);

        Assert.That(other.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_requests_each_get_their_own_place_in_the_window()
    {
        // Each call opens its own connection, as requests on different instances do: a read-then-write would hand out
        // the same count twice; the upsert hands out 1..N.
        var counts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Task.Run(() => Store.CountAsync("token|203.0.113.9", Window, Clock.UtcNow, CancellationToken.None))));

        Assert.That(counts.Select(c => c.Count).Order(), Is.EqualTo(Enumerable.Range(1, 20)));
        Assert.That(counts.Select(c => c.EndsAt).Distinct().Count(), Is.EqualTo(1), "one window");
    }

    [Test]
    public async Task Removing_ended_windows_keeps_the_running_ones()
    {
        await Store.CountAsync("token|203.0.113.1", Window, Clock.UtcNow, CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(30));
        await Store.CountAsync("token|203.0.113.2", Window, Clock.UtcNow, CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(30));

        var removed = await Store.RemoveEndedAsync(Clock.UtcNow, CancellationToken.None);

        Assert.That(removed, Is.EqualTo(1));
        var left = await WithDb(db => db.Set<RateLimitWindowEntry>().Select(e => e.Partition).ToListAsync());
        Assert.That(left, Is.EqualTo(new[] { "token|203.0.113.2" }));
    }
}
