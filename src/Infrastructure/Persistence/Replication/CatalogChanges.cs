using Microsoft.Extensions.Logging;
using Npgsql;

namespace Shop.Infrastructure.Persistence.Replication;

/// <summary>A catalog write announced by an instance (or a CLI verb): the primary's WAL position after it, and who wrote.</summary>
public sealed record CatalogChange(ulong Position, string Sender);

/// <summary>
/// Catalog writes announced across every process on one PostgreSQL primary, with <c>NOTIFY shop_catalog</c> (payload: the
/// primary's WAL position after the write's commit, then the sender's id). Each server LISTENs and evicts its own output
/// cache, so a write through one instance, the CLI or an import job shows on every instance at once, not when cached
/// answers run out; and a server with a replica reads the primary until the replica has replayed that position.
/// SQLite has one server per file: nothing to announce.
/// </summary>
public sealed class CatalogChanges(DatabaseSettings database, ILogger<CatalogChanges> logger, ReplicaProgress? replica = null)
{
    public const string Channel = "shop_catalog";

    // pg_notify takes effect at once outside a transaction; the position is read after the write committed, so it covers it.
    // The insert position, not pg_current_wal_lsn() (what has been written out): with synchronous_commit off a commit
    // returns before its WAL is written, so the written position can still be short of the commit record, and a replica
    // that has replayed up to it would be read before it holds the write (seen as a flaky ReplicaLagTests run in CI).
    private const string PublishSql = "SELECT lsn::text, pg_notify('" + Channel + "', lsn::text || ' ' || @sender) FROM (SELECT pg_current_wal_insert_lsn() AS lsn) AS p";

    /// <summary>This process's id in the announcements, so a server does not evict again for its own writes.</summary>
    public string Sender { get; } = Guid.NewGuid().ToString("N")[..12];

    public bool Enabled => database.Provider == DatabaseProvider.Postgres;

    /// <summary>
    /// Announces a catalog write that has committed, and requires the replica to reach its position before this process
    /// reads it again. Never throws: the write is done, and other servers' cached answers run out on their own.
    /// </summary>
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        if (!Enabled) return;
        try
        {
            await using var connection = new NpgsqlConnection(DependencyInjection.WithPreparedStatements(database.ConnectionString));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(PublishSql, connection);
            command.Parameters.AddWithValue("sender", Sender);
            var position = Lsn.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!);
            replica?.Require(position);
        }
        catch (Exception ex)
        {
            // Without the position, the replica cannot be known to hold this write: read the primary until it is polled again.
            replica?.ReportFailure(ex);
            logger.LogWarning(ex, "A catalog write could not be announced to the other servers; their cached answers show it when they run out.");
        }
    }

    /// <summary>
    /// Listens on one dedicated connection until it breaks (then throws) or <paramref name="cancellationToken"/> stops it.
    /// <paramref name="listening"/> runs once the LISTEN holds (changes missed before it are the caller's to account for);
    /// <paramref name="changed"/> runs for every announcement by another process.
    /// </summary>
    public async Task ListenAsync(Func<Task> listening, Func<CatalogChange, Task> changed, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false, // held for the process's lifetime, never returned
            KeepAlive = 30, // a dead server or network shows as an error, not as silence
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var received = new List<CatalogChange>();
        connection.Notification += (_, e) =>
        {
            var change = Parse(e.Payload);
            if (change.Sender != Sender) received.Add(change);
        };
        await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection)) await listen.ExecuteNonQueryAsync(cancellationToken);
        await listening();
        while (true)
        {
            await connection.WaitAsync(cancellationToken);
            // Notifications are raised inside WaitAsync; handled after it, so a slow handler never runs inside Npgsql's read.
            var batch = received.ToArray();
            received.Clear();
            foreach (var change in batch) await changed(change);
        }
    }

    /// <summary>The payload <c>"16/B374D848 sender"</c>; anything else (a NOTIFY by hand) counts as a change at an unknown position.</summary>
    internal static CatalogChange Parse(string payload)
    {
        var parts = payload.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return new CatalogChange(0, "");
        return new CatalogChange(Lsn.TryParse(parts[0], out var position) ? position : 0, parts.Length > 1 ? parts[1] : "");
    }
}
