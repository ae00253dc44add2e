using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Shop.Infrastructure.Persistence.Replication;

/// <summary>
/// The read replica (a PostgreSQL hot standby): its own context options, and what this instance knows of how far it has
/// caught up (<see cref="Progress"/>). Registered only when <see cref="DatabaseSettings.ReadConnectionString"/> is set.
/// </summary>
public sealed class ReadReplica
{
    private readonly DbContextOptions<PostgresShopDbContext> _options;
    private readonly TimeProvider _clock;

    public ReadReplica(string readConnectionString, ReplicaProgress progress, TimeProvider clock)
    {
        ConnectionString = SessionConnectionString(readConnectionString);
        // The primary's mapping and query settings, on the replica's connection; nothing read there is ever saved.
        _options = new DbContextOptionsBuilder<PostgresShopDbContext>()
            .UseNpgsql(ConnectionString, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options;
        Progress = progress;
        _clock = clock;
    }

    /// <summary>The replica's connection string: read-only sessions, statements prepared as on the primary.</summary>
    public string ConnectionString { get; }

    public ReplicaProgress Progress { get; }

    /// <summary>A context on the replica for one request's queries (no user: it never writes, so it records no history).</summary>
    public ShopDbContext CreateContext() => new PostgresShopDbContext(_options, _clock);

    /// <summary>The connection string every session on the replica uses: read-only, statements prepared as on the primary.</summary>
    public static string SessionConnectionString(string readConnectionString) =>
        ReadOnly(DependencyInjection.WithPreparedStatements(readConnectionString));

    /// <summary>
    /// Every session on the replica is read-only, so a write sent there by mistake fails at once with the server's own
    /// error on any server, not only on a standby (which refuses writes anyway): the same on a test's plain database as in production.
    /// </summary>
    private static string ReadOnly(string connectionString)
    {
        const string readOnly = "-c default_transaction_read_only=on";
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("default_transaction_read_only", StringComparison.OrdinalIgnoreCase) != true)
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? readOnly : $"{builder.Options} {readOnly}";
        return builder.ConnectionString;
    }
}
