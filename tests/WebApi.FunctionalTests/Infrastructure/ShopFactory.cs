using System.Security.Cryptography;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Application.Users.Commands;

namespace Shop.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The real app (environment "Testing") on a fresh database of its own: a SQLite file under /tmp/shop-tests,
/// or a new PostgreSQL database on the server named by SHOP_TEST_POSTGRES, dropped again on dispose.
/// </summary>
public sealed class ShopFactory : WebApplicationFactory<Program>
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string PostgresVariable = "SHOP_TEST_POSTGRES";

    private readonly string _provider;
    private readonly int _tokenPermitLimit;
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private readonly string _mediaRoot = $"/tmp/shop-tests/media-{Guid.NewGuid():N}";
    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresDatabase;

    private ShopFactory(string provider, int tokenPermitLimit, string? postgresAdmin)
    {
        _provider = provider;
        _tokenPermitLimit = tokenPermitLimit;
        if (provider == Sqlite)
        {
            Directory.CreateDirectory("/tmp/shop-tests");
            _sqliteFile = $"/tmp/shop-tests/{Guid.NewGuid():N}.db";
        }
        else
        {
            _postgresAdmin = postgresAdmin;
            _postgresDatabase = $"shop_ft_{Guid.NewGuid():N}";
        }
    }

    /// <summary>Starts the app (it migrates its database on start); ignores, or in CI fails, PostgreSQL without a server.</summary>
    public static async Task<ShopFactory> StartAsync(string provider, int tokenPermitLimit = 10_000)
    {
        string? admin = null;
        if (provider == Postgres)
        {
            admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(admin))
            {
                const string reason = "SHOP_TEST_POSTGRES is not set; PostgreSQL tests skipped";
                if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(reason + " (CI=true requires them)");
                Assert.Ignore(reason);
            }
        }
        else if (provider != Sqlite)
        {
            throw new ArgumentOutOfRangeException(nameof(provider), provider, "Use sqlite or postgres.");
        }

        var factory = new ShopFactory(provider, tokenPermitLimit, admin);
        try
        {
            if (provider == Postgres) await factory.ExecutePostgresAsync($"CREATE DATABASE \"{factory._postgresDatabase}\"");
            _ = factory.Server; // builds the host: migrations run now
            return factory;
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>Where this app keeps uploaded files.</summary>
    public string MediaRoot => _mediaRoot;

    public HttpClient CreateApiClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });

    /// <summary>Creates a user through the app's own services (as the CLI does).</summary>
    public async Task CreateUserAsync(string userName, string password, bool isStaff, bool isSuperuser = false)
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new CreateUser(userName, $"{userName}@example.test", password, isStaff, isSuperuser));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jwt:SigningKey", _signingKey);
        builder.UseSetting("Auth:TokenRateLimit:PermitLimit", _tokenPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Media:Root", _mediaRoot);
        if (_provider == Sqlite)
        {
            builder.UseSetting("DATABASE_URL", $"sqlite:///{_sqliteFile}");
        }
        else
        {
            var connection = new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = _postgresDatabase };
            builder.UseSetting("ConnectionStrings:Shop", connection.ConnectionString);
            builder.UseSetting("Database:Provider", "Postgres");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_mediaRoot)) Directory.Delete(_mediaRoot, recursive: true);
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecutePostgresAsync($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)");
        }
    }

    private async Task ExecutePostgresAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_postgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
