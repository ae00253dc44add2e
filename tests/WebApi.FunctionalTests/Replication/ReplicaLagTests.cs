using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.Persistence.Replication;
using Shop.WebApi.FunctionalTests.Infrastructure;
using static Shop.WebApi.FunctionalTests.Replication.ReplicaTestSupport;

namespace Shop.WebApi.FunctionalTests.Replication;

/// <summary>
/// A replica that has not replayed a write is not read after it: the anonymous read that follows a write would
/// otherwise be answered from the old rows and kept by the output cache (on here, as in production) for its lifetime.
/// The replica's replay position is a test double; its rows are a second database that never gets the write.
/// </summary>
[TestFixture]
public sealed class ReplicaLagTests
{
    private sealed class SettablePosition : IReplicaPosition
    {
        private long _replayed;

        public ulong Replayed { set => Interlocked.Exchange(ref _replayed, (long)Math.Min(value, long.MaxValue)); }

        public Task<ulong> ReplayedAsync(CancellationToken cancellationToken) => Task.FromResult((ulong)Interlocked.Read(ref _replayed));
    }

    private readonly SettablePosition _position = new();
    private ShopFactory _primary = null!;
    private ShopFactory _replica = null!;
    private string _marker = "";
    private int _id;
    private string _staff = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _marker = Marker();
        (_primary, _replica, _id, _staff) = await StartPairAsync(_marker, b => b.ConfigureTestServices(s => s.AddSingleton<IReplicaPosition>(_position)));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_primary is not null) await _primary.DisposeAsync();
        if (_replica is not null) await _replica.DisposeAsync();
    }

    private async Task<ulong> PrimaryPositionAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_primary.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", connection);
        return Lsn.Parse((string)(await command.ExecuteScalarAsync())!);
    }

    [Test]
    public async Task After_a_write_anonymous_reads_wait_for_the_replica_to_replay_it()
    {
        using var client = _primary.CreateApiClient();
        var url = $"/api/products/{_id}";
        // Caught up with everything so far (a replica's position only grows: it stays here, behind the write to come).
        // The anonymous answer comes from the replica. (Each try its own URL: a try answered by the primary is cached.)
        _position.Replayed = await PrimaryPositionAsync();
        var before = await EventuallyAsync(() => GetAsync(client, url + $"?before={Guid.NewGuid():N}"), p => NameOf(p).EndsWith("replica"), TimeSpan.FromSeconds(2));
        Assert.That(NameOf(before), Is.EqualTo($"{_marker} replica"));

        // A write the replica has not replayed: every anonymous read after it is the primary's, cached or not.
        var renamed = $"{_marker} renamed";
        await PatchAsync(client, url, new { name = renamed }, _staff);
        var afterWrite = await GetAsync(client, url);
        await Task.Delay(200); // several poll intervals: the replica is asked again, and is still behind
        var later = await GetAsync(client, url + "?later");
        var list = await GetAsync(client, $"/api/products?search={_marker}");

        Assert.That(NameOf(afterWrite), Is.EqualTo(renamed));
        Assert.That(NameOf(later), Is.EqualTo(renamed));
        Assert.That(FirstNameIn(list), Is.EqualTo(renamed));

        // Caught up again: the replica is read again (its rows never got the write: that is how the test tells).
        _position.Replayed = ulong.MaxValue;
        var caughtUp = await EventuallyAsync(() => GetAsync(client, url + $"?caught-up={Guid.NewGuid():N}"), p => NameOf(p).EndsWith("replica"), TimeSpan.FromSeconds(2));
        Assert.That(NameOf(caughtUp), Is.EqualTo($"{_marker} replica"));
    }
}
