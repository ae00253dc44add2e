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
    private readonly Action<IWebHostBuilder>? _configure;
    private readonly bool _ownsDatabase = true;

    private ShopFactory(string provider, int tokenPermitLimit, string? postgresAdmin, Action<IWebHostBuilder>? configure, ShopFactory? beside = null)
    {
        if (beside is not null)
        {
            // A second instance of the app on the first one's PostgreSQL database (which the first one drops).
            (_configure, _provider, _tokenPermitLimit, _postgresAdmin, _postgresDatabase, _ownsDatabase) =
                (configure, provider, tokenPermitLimit, beside._postgresAdmin, beside._postgresDatabase, false);
            return;
        }
        _configure = configure;
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

    /// <summary>Another instance of the same app: same database, media folder and configuration (the signing key too).</summary>
    private ShopFactory(ShopFactory first, Action<IWebHostBuilder>? configure)
    {
        _configure = configure;
        _provider = first._provider;
        _tokenPermitLimit = first._tokenPermitLimit;
        _signingKey = first._signingKey;
        _mediaRoot = first._mediaRoot;
        _sqliteFile = first._sqliteFile;
        _postgresAdmin = first._postgresAdmin;
        _postgresDatabase = first._postgresDatabase;
        _ownsDatabase = false;
    }

    /// <summary>
    /// Two instances of the app on one new, empty database, as two servers behind a balancer: each has its own process
    /// state (caches, queues, its key ring in memory) and shares only the database and the configuration. They start one
    /// after the other: WebApplicationFactory finds its host by listening for the next one built in the process, so two
    /// building at once can swap hosts (the start-up race on the key ring is tested in FirstDataProtectionKeyTests).
    /// The first one owns the database (disposing it drops the database): dispose the second one first.
    /// </summary>
    public static async Task<(ShopFactory First, ShopFactory Second)> StartPairAsync(string provider, int tokenPermitLimit = 10_000,
        Action<IWebHostBuilder>? configure = null)
    {
        var admin = RequireProvider(provider);
        var first = new ShopFactory(provider, tokenPermitLimit, admin, configure);
        var second = new ShopFactory(first, configure);
        try
        {
            if (provider == Postgres) await first.ExecutePostgresAsync($"CREATE DATABASE \"{first._postgresDatabase}\"");
            _ = first.Server; // builds the host: migrations run now
            _ = second.Server;
            return (first, second);
        }
        catch
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
            throw;
        }
    }

    /// <summary>The PostgreSQL admin connection string (null for SQLite); ignores, or in CI fails, PostgreSQL without a server.</summary>
    private static string? RequireProvider(string provider)
    {
        if (provider == Sqlite) return null;
        if (provider != Postgres) throw new ArgumentOutOfRangeException(nameof(provider), provider, "Use sqlite or postgres.");
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(admin)) return admin;
        const string reason = "SHOP_TEST_POSTGRES is not set; PostgreSQL tests skipped";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(reason + " (CI=true requires them)");
        Assert.Ignore(reason);
        return null;
    }

    /// <summary>
    /// Starts the app (it migrates its database on start); ignores, or in CI fails, PostgreSQL without a server.
    /// With <paramref name="kestrel"/>, the app listens on a free loopback port (see <see cref="RootUri"/>) so that a
    /// real browser can reach it; otherwise it runs on the in-memory test server. <paramref name="configure"/> adds
    /// settings or test services after the factory's own.
    /// </summary>
    public static async Task<ShopFactory> StartAsync(string provider, int tokenPermitLimit = 10_000, bool kestrel = false,
        Action<IWebHostBuilder>? configure = null)
    {
        var admin = RequireProvider(provider);
        var factory = new ShopFactory(provider, tokenPermitLimit, admin, configure);
        try
        {
            if (provider == Postgres) await factory.ExecutePostgresAsync($"CREATE DATABASE \"{factory._postgresDatabase}\"");
            if (kestrel)
            {
                factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
                factory.StartServer(); // builds the host and starts Kestrel: migrations run now
            }
            else
            {
                _ = factory.Server; // builds the host: migrations run now
            }
            return factory;
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Another instance of the app (as behind a load balancer) on <paramref name="first"/>'s PostgreSQL database, with
    /// a cache and a media folder of its own; <paramref name="first"/> keeps (and drops) the database.
    /// </summary>
    public static Task<ShopFactory> StartBesideAsync(ShopFactory first, Action<IWebHostBuilder>? configure = null)
    {
        if (first._postgresDatabase is null) throw new InvalidOperationException("Instances share a PostgreSQL database only.");
        var factory = new ShopFactory(Postgres, first._tokenPermitLimit, null, configure, beside: first);
        _ = factory.Server; // builds the host; the database is migrated already
        return Task.FromResult(factory);
    }

    /// <summary>The connection string of this app's PostgreSQL database (its own user, the tests' server).</summary>
    public string PostgresConnectionString => _postgresDatabase is null
        ? throw new InvalidOperationException("The app runs on SQLite.")
        : new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = _postgresDatabase }.ConnectionString;

    /// <summary>The app's address on Kestrel (<c>http://127.0.0.1:port/</c>); only for an app started with <c>kestrel: true</c>.</summary>
    public Uri RootUri
    {
        get
        {
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses;
            var address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The app is not listening on Kestrel.");
            return new Uri(address.EndsWith('/') ? address : address + "/");
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
        // The tests run the app from its build output, not from a publish folder. Outside Development, such a run finds
        // the build's pre-compressed .gz assets only through the static web assets manifest (without it, a request that
        // accepts gzip gets an empty 200), and MapStaticAssets would replace the manifest's cache headers by the
        // development "no-cache". These two settings make the build serve what the published app serves.
        builder.UseStaticWebAssets();
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
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
            builder.UseSetting("ConnectionStrings:Shop", PostgresConnectionString);
            builder.UseSetting("Database:Provider", "Postgres");
        }
        _configure?.Invoke(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsDatabase) return;
        if (Directory.Exists(_mediaRoot)) Directory.Delete(_mediaRoot, recursive: true);
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
        if (_postgresDatabase is not null && _ownsDatabase)
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
