using Microsoft.Extensions.Logging;
using Npgsql;

namespace Shop.Infrastructure.Persistence.Replication;

/// <summary>Where the replica has replayed the primary's WAL to (a test replaces it to play a replica that lags).</summary>
public interface IReplicaPosition
{
    /// <summary>The replica's replay position (<c>pg_last_wal_replay_lsn()</c>); throws when the replica cannot be read.</summary>
    Task<ulong> ReplayedAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What this instance knows of the replica, shared by every request (a singleton): the primary's WAL position after the
/// latest catalog write it has heard of (its own, or another instance's through <see cref="CatalogChanges"/>), how far
/// the replica has replayed, and whether it answers at all.
/// <para>
/// A read may go to the replica only once the replica has replayed every write heard of: an anonymous read right after a
/// write would otherwise read the old rows there and the output cache would keep that old answer for its whole lifetime.
/// Until then reads go to the primary, and while any does, the replica's position is asked for at most every
/// <see cref="PollEvery"/> by one background poll (never a query per request, never a request waiting for it).
/// </para>
/// </summary>
public sealed class ReplicaProgress(IReplicaPosition replica, TimeProvider clock, ILogger<ReplicaProgress> logger)
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>How often a replica that failed is tried again (by one poll, while reads keep going to the primary).</summary>
    public static readonly TimeSpan RetryDownEvery = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private ulong _required;
    private ulong _replayed;
    private bool _down;
    private long _lastPollTicks; // never: ticks count from the year 1
    private int _polling;

    /// <summary>A catalog write committed at <paramref name="primaryPosition"/>: the replica must reach it before it is read.</summary>
    public void Require(ulong primaryPosition)
    {
        lock (_lock)
            if (primaryPosition > _required) _required = primaryPosition;
    }

    /// <summary>
    /// Whether a read may go to the replica now. When it may not because the replica is behind (or was down), a poll of
    /// its position starts in the background if none ran within <see cref="PollEvery"/> (<see cref="RetryDownEvery"/> when down).
    /// </summary>
    public bool MayRead()
    {
        bool down;
        lock (_lock)
        {
            if (!_down && _replayed >= _required) return true;
            down = _down;
        }
        PollIfDue(down ? RetryDownEvery : PollEvery);
        return false;
    }

    /// <summary>A read on the replica failed: reads go to the primary until a poll reaches it again. Logged once per outage.</summary>
    public void ReportFailure(Exception exception)
    {
        lock (_lock)
        {
            Volatile.Write(ref _lastPollTicks, clock.GetUtcNow().UtcTicks);
            if (_down) return;
            _down = true;
        }
        logger.LogWarning(exception, "The read replica cannot be read; catalog reads go to the primary until it answers again.");
    }

    /// <summary>The replica's position now, asked directly (the health check); records it like a poll.</summary>
    public async Task<ulong> PollAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PollTimeout);
        try
        {
            var replayed = await replica.ReplayedAsync(timeout.Token);
            bool cameBack;
            lock (_lock)
            {
                if (replayed > _replayed) _replayed = replayed;
                cameBack = _down;
                _down = false;
            }
            if (cameBack) logger.LogInformation("The read replica answers again; anonymous catalog reads go to it once it has caught up.");
            return replayed;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ReportFailure(ex);
            throw;
        }
        finally
        {
            Volatile.Write(ref _lastPollTicks, clock.GetUtcNow().UtcTicks);
        }
    }

    private void PollIfDue(TimeSpan every)
    {
        if (clock.GetUtcNow().UtcTicks - Volatile.Read(ref _lastPollTicks) < every.Ticks) return;
        if (Interlocked.CompareExchange(ref _polling, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await PollAsync(CancellationToken.None);
            }
            catch
            {
                // Reported (once per outage) by PollAsync; the readers already went to the primary.
            }
            finally
            {
                Volatile.Write(ref _polling, 0);
            }
        });
    }
}

/// <summary>
/// Asks the replica how far it has replayed. A server that is not a standby (a test's second database, or the primary
/// itself named as the replica) has everything it holds: its own insert position, the one writes are announced with.
/// </summary>
internal sealed class PostgresReplicaPosition(string readConnectionString) : IReplicaPosition
{
    private const string Sql = "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn() END)::text";

    public async Task<ulong> ReplayedAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(readConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        // NULL on a standby that has replayed nothing yet: behind everything.
        return await command.ExecuteScalarAsync(cancellationToken) is string text ? Lsn.Parse(text) : 0;
    }
}

/// <summary>PostgreSQL WAL positions (<c>pg_lsn</c>, written <c>16/B374D848</c>) as comparable numbers.</summary>
public static class Lsn
{
    public static ulong Parse(string text) => (ulong)NpgsqlTypes.NpgsqlLogSequenceNumber.Parse(text.Trim());

    public static bool TryParse(string text, out ulong position)
    {
        var parsed = NpgsqlTypes.NpgsqlLogSequenceNumber.TryParse(text.Trim(), out var lsn);
        position = parsed ? (ulong)lsn : 0;
        return parsed;
    }
}
