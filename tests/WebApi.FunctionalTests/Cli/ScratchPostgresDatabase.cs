using Npgsql;

namespace Shop.WebApi.FunctionalTests.Cli;

/// <summary>
/// An empty PostgreSQL database of its own for a test that runs CLI verbs against a <c>postgres://</c> URL; dropped when
/// disposed. Ignores the test without <c>SHOP_TEST_POSTGRES</c> (fails it in CI, where PostgreSQL must be there).
/// </summary>
internal sealed class ScratchPostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder _server;

    private ScratchPostgresDatabase(NpgsqlConnectionStringBuilder server, string name) => (_server, Name) = (server, name);

    public string Name { get; }

    /// <summary>The database as a <c>DATABASE_URL</c>, on another port when given (a server that does not answer).</summary>
    public string Url(int? port = null) =>
        $"postgres://{Uri.EscapeDataString(_server.Username!)}:{Uri.EscapeDataString(_server.Password ?? "")}@{_server.Host}:{port ?? _server.Port}/{Name}";

    public static async Task<ScratchPostgresDatabase> CreateAsync(string prefix, string why)
    {
        var postgres = Environment.GetEnvironmentVariable("SHOP_TEST_POSTGRES");
        if (string.IsNullOrEmpty(postgres))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("SHOP_TEST_POSTGRES must be set in CI.");
            Assert.Ignore($"SHOP_TEST_POSTGRES is not set; {why} needs PostgreSQL.");
        }
        var database = new ScratchPostgresDatabase(new NpgsqlConnectionStringBuilder(postgres), $"{prefix}_{Guid.NewGuid():N}");
        await database.ExecuteAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(_server.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
