using Microsoft.EntityFrameworkCore;
using Shop.Infrastructure.Identity;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.WebApi.Cli;

/// <summary>One finding of <c>check</c>: what is wrong and how to fix it.</summary>
public sealed record Finding(string Setting, string Problem, string Fix);

/// <summary>
/// <c>check</c> validates that the configuration can run at all; <c>check --deploy</c> also lists every
/// setting unsafe for production (in the spirit of Django's <c>check --deploy</c>).
/// </summary>
public static class ConfigurationChecks
{
    public static async Task<IReadOnlyList<Finding>> BasicAsync(IServiceProvider services, CancellationToken ct)
    {
        var findings = new List<Finding>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        try
        {
            var settings = services.GetRequiredService<DatabaseSettings>();
            // A SQLite file that is not there yet is no fault: migrate (or the server's first start) creates it.
            if (settings.Provider == DatabaseProvider.Sqlite && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource))
                findings.Add(new("Database", $"{settings.Describe()} does not exist yet.", "Run the 'migrate' verb (the server also creates it on start)."));
            else if (!await db.Database.CanConnectAsync(ct))
                findings.Add(new("DATABASE_URL", "The database cannot be reached.", "Check DATABASE_URL (host, port, name, user, password) and that the server runs."));
            else if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
                findings.Add(new("Database", "Migrations are pending.", "Run the 'migrate' verb."));
        }
        catch (Exception ex)
        {
            findings.Add(new("DATABASE_URL", $"The database cannot be reached: {ex.GetBaseException().Message}", "Check DATABASE_URL and the database server."));
        }
        // Asked directly, not through ReplicaProgress: a finding is this verb's whole report, not a server's warning log.
        if (services.GetService<IReplicaPosition>() is { } replica)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                await replica.ReplayedAsync(timeout.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var where = services.GetRequiredService<DatabaseSettings>().DescribeRead();
                findings.Add(new(DatabaseSettings.ReadUrlVariable, $"The read replica {where} cannot be read: {ex.GetBaseException().Message}",
                    "Check DATABASE_READ_URL (or ConnectionStrings__ShopRead) and that the standby runs; meanwhile the server reads the primary."));
            }
        }
        // Outside Development the server refuses to start with this key (ShopApp): that is no deployment nicety.
        if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment()
            && SigningKey(services.GetRequiredService<IConfiguration>()) is { } key)
            findings.Add(key);
        return findings;
    }

    /// <summary>What is wrong with the signing key, as the server judges it when it starts outside Development.</summary>
    private static Finding? SigningKey(IConfiguration config) =>
        (config.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions()).KeyProblem() is { } problem
            ? new("Jwt__SigningKey", problem, $"Set Jwt__SigningKey to a random secret of at least {JwtOptions.MinimumKeyBytes} bytes, e.g. `openssl rand -base64 48`.")
            : null;

    public static IReadOnlyList<Finding> Deploy(IConfiguration config, IHostEnvironment env, DatabaseSettings database)
    {
        var findings = new List<Finding>();
        void Add(string setting, string problem, string fix) => findings.Add(new(setting, problem, fix));

        if (!env.IsProduction())
            Add("ASPNETCORE_ENVIRONMENT", $"The environment is '{env.EnvironmentName}', not Production (developer exception page, demo data, development signing key).",
                "Set ASPNETCORE_ENVIRONMENT=Production.");
        if (SigningKey(config) is { } key) findings.Add(key);
        if (database.Provider == DatabaseProvider.Sqlite)
            Add("DATABASE_URL", "The database is a SQLite file: one writer at a time, one machine, no replicas.",
                "Use PostgreSQL: DATABASE_URL=postgres://user:pass@host:5432/shop.");
        if ((config["AllowedHosts"] ?? "*").Split(';').Any(h => h.Trim() == "*"))
            Add("AllowedHosts", "Any Host header is accepted (AllowedHosts is '*'), and absolute links (paging, the API root, the sign-in redirect) are built from it.",
                "Set AllowedHosts to the shop's host names, e.g. AllowedHosts=shop.example.com, and App__PublicBaseUrl to its public origin, e.g. https://shop.example.com.");
        if (Web.PublicUrlOptions.From(config).Problem is { } urlProblem)
            Add("App__PublicBaseUrl", urlProblem, "Set App__PublicBaseUrl to the shop's public origin, e.g. https://shop.example.com, or remove it.");
        var hasHttps = (config["HTTPS_PORTS"] ?? config["ASPNETCORE_HTTPS_PORTS"] ?? "").Length > 0
                       || (config["urls"] ?? config["ASPNETCORE_URLS"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
                       || config.GetValue<bool>("Https:TerminatedByProxy");
        if (!hasHttps)
            Add("HTTPS", "No HTTPS endpoint is configured, so HTTPS redirection and HSTS cannot take effect.",
                "Serve HTTPS (HTTPS_PORTS=443 with a certificate), or terminate TLS at a proxy that sends X-Forwarded-Proto and set Https__TerminatedByProxy=true.");
        if (env.IsDevelopment())
            Add("Developer exception page", "Development shows detailed errors with stack traces to anyone.", "Set ASPNETCORE_ENVIRONMENT=Production.");
        if (config.GetValue<bool?>("Database:SeedDemoData") == true)
            Add("Database__SeedDemoData", "The demo catalog is loaded on start.", "Remove Database__SeedDemoData or set it to false.");
        if (string.IsNullOrWhiteSpace(config["AutoMapper:LicenseKey"]))
            Add("AutoMapper__LicenseKey", "No AutoMapper licence key: production use needs a licence (it logs a warning at start).",
                "Set AutoMapper__LicenseKey from your licence (never commit it).");
        if ((config.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? []).Contains("*"))
            Add("Cors__AllowedOrigins", "CORS allows any origin.", "List the exact origins that may call the API.");
        if (config.GetValue("Auth:Lockout:MaxFailedAttempts", 5) <= 0)
            Add("Auth__Lockout__MaxFailedAttempts", "Account lockout is off.", "Set it to a small number such as 5.");
        if (config.GetValue("Auth:TokenRateLimit:PermitLimit", 10) > 100)
            Add("Auth__TokenRateLimit__PermitLimit", "Sign-in attempts are barely rate-limited.", "Keep it near the default of 10 per minute.");
        return findings;
    }
}
