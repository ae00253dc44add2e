using Microsoft.EntityFrameworkCore;
using Shop.Infrastructure.DataProtection;
using Shop.Infrastructure.Persistence;

namespace Shop.WebApi.Web;

/// <summary>Bound from <c>Database</c>: what the server does to its database when it starts.</summary>
public sealed class DatabaseStartupOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations on start (idempotent; EF Core takes a migration lock).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Load the demo catalog on start; on in Development only unless set.</summary>
    public bool? SeedDemoData { get; set; }
}

internal static class DatabaseStartup
{
    public static async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0) await db.Database.MigrateAsync(ct);
        // WAL lets readers go on while one writer writes; the setting is stored in the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        return pending;
    }

    /// <summary>
    /// Before the server serves, so that instances starting together on an empty key ring share one key (see
    /// <see cref="FirstDataProtectionKey"/>). A database still waiting for its migrations has no key table yet: the key
    /// is then made on first use, as Data Protection does by itself.
    /// </summary>
    private static async Task EnsureFirstDataProtectionKeyAsync(WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            if ((await db.Database.GetPendingMigrationsAsync()).Any()) return;
        }
        await FirstDataProtectionKey.EnsureAsync(app.Services, CancellationToken.None);
    }

    public static async Task PrepareAsync(WebApplication app)
    {
        var options = app.Configuration.GetSection(DatabaseStartupOptions.Section).Get<DatabaseStartupOptions>() ?? new();
        if (options.MigrateOnStart)
        {
            var applied = await MigrateAsync(app.Services);
            if (applied.Count > 0) app.Logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", applied));
        }
        await EnsureFirstDataProtectionKeyAsync(app);
        if (options.SeedDemoData ?? app.Environment.IsDevelopment())
        {
            await using var scope = app.Services.CreateAsyncScope();
            var created = await scope.ServiceProvider.GetRequiredService<Cli.DemoCatalog>().SeedAsync(CancellationToken.None);
            if (created > 0) app.Logger.LogInformation("Seeded the demo catalog ({Count} products)", created);
        }
    }
}
