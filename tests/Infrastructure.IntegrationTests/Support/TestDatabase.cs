using Microsoft.Data.Sqlite;
using Npgsql;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>
/// A throwaway database for one test: a temp SQLite file, or a fresh <c>shop_test_&lt;guid&gt;</c> database on the
/// PostgreSQL server named by <c>SHOP_TEST_POSTGRES</c>. Disposing deletes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SHOP_TEST_POSTGRES";

    private readonly string? _sqliteFolder;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseSettings settings, string? sqliteFolder, string? postgresAdmin, string? postgresName)
    {
        Settings = settings;
        _sqliteFolder = sqliteFolder;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseSettings Settings { get; }

    /// <summary>
    /// Ignores the calling fixture when PostgreSQL is not configured, or fails it in CI, where the
    /// PostgreSQL tests must never be skipped silently.
    /// </summary>
    public static void RequireProvider(DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(PostgresAdminConnectionString)) return;
        var message = $"{PostgresVariable} is not set; PostgreSQL tests skipped";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"{message}, but CI=true requires them (run .ci/postgres.sh and export its connection string).");
        Assert.Ignore(message + ".");
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "shop-it-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var sqlite = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(folder, "shop.db"),
                DefaultTimeout = 30,
                Pooling = true,
            };
            return new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, sqlite.ConnectionString), folder, null, null);
        }

        var admin = PostgresAdminConnectionString!;
        var name = "shop_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            // A non-C default collation, as production databases usually have, so that any ordering that
            // depends on the database default instead of the mapping shows up here.
            await using var create = new NpgsqlCommand(
                $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'",
                connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 100 };
        return new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString), null, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteFolder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
            return;
        }

        await using (var own = new NpgsqlConnection(Settings.ConnectionString)) NpgsqlConnection.ClearPool(own);
        await using var connection = new NpgsqlConnection(_postgresAdmin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string? PostgresAdminConnectionString => Environment.GetEnvironmentVariable(PostgresVariable);
}
