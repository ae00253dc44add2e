using Microsoft.Extensions.Logging.Abstractions;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture]
public sealed class CatalogChangesTests
{
    [Test]
    public void A_payload_is_the_position_then_the_sender()
    {
        var change = CatalogChanges.Parse("16/B374D848 a1b2c3");

        Assert.That(change, Is.EqualTo(new CatalogChange(Lsn.Parse("16/B374D848"), "a1b2c3")));
    }

    [TestCase("")]
    [TestCase("by hand")]
    public void A_notify_by_hand_still_counts_as_a_change_at_no_known_position(string payload)
    {
        Assert.That(CatalogChanges.Parse(payload).Position, Is.Zero);
    }

    [Test]
    public async Task Sqlite_announces_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var changes = new CatalogChanges(database.Settings, NullLogger<CatalogChanges>.Instance);

        Assert.That(changes.Enabled, Is.False);
        await changes.PublishAsync(CancellationToken.None); // no connection opened, nothing thrown
    }

    [Test]
    public async Task A_listener_hears_other_processes_writes_with_their_position_but_not_its_own()
    {
        TestDatabase.RequireProvider(DatabaseProvider.Postgres);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var server = new CatalogChanges(database.Settings, NullLogger<CatalogChanges>.Instance);
        var cli = new CatalogChanges(database.Settings, NullLogger<CatalogChanges>.Instance);
        var heard = new System.Collections.Concurrent.ConcurrentQueue<CatalogChange>();
        var listening = new TaskCompletionSource();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var listener = server.ListenAsync(() => { listening.TrySetResult(); return Task.CompletedTask; }, c => { heard.Enqueue(c); return Task.CompletedTask; }, stop.Token);
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await server.PublishAsync(CancellationToken.None);
        await cli.PublishAsync(CancellationToken.None);
        for (var i = 0; i < 200 && heard.IsEmpty; i++) await Task.Delay(10);
        await Task.Delay(200); // the server's own announcement, were it delivered, would be here by now
        await stop.CancelAsync();

        Assert.That(heard.Select(c => c.Sender), Is.EqualTo(new[] { cli.Sender }));
        Assert.That(heard.Single().Position, Is.GreaterThan(0UL));
        Assert.CatchAsync<OperationCanceledException>(() => listener);
    }
}
