using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Application.Common.Interfaces;
using Shop.Infrastructure.Identity;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Replication;
using Shop.Infrastructure.Persistence.Repositories;

namespace Shop.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        // A product's collections are small (a few tags and images), so one joined query beats split round trips.
        // The options are the same for every request, so they are built once (singleton), not per scope as by default.
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresShopDbContext>(o => o.UseNpgsql(WithPreparedStatements(database.ConnectionString), n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddSearchTextBackfill(), optionsLifetime: ServiceLifetime.Singleton);
            services.AddScoped<ShopDbContext>(sp => sp.GetRequiredService<PostgresShopDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteShopDbContext>(o => o.UseSqlite(database.ConnectionString, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddSearchTextBackfill(), optionsLifetime: ServiceLifetime.Singleton);
            services.AddScoped<ShopDbContext>(sp => sp.GetRequiredService<SqliteShopDbContext>());
        }

        services.AddScoped<IProductRepository, ProductRepository>();
        services.AddScoped<ICategoryRepository, CategoryRepository>();
        services.AddScoped<ITagRepository, TagRepository>();
        services.AddScoped<ICatalogReadStore, CatalogReadStore>();
        AddReadReplica(services, database);
        services.AddSingleton<LargeCounts>();
        // The host chooses where the key ring lives (the database); this only makes sure there is one.
        services.AddDataProtection();
        services.AddSingleton<ICursorProtector, DataProtectionCursors>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IChangeHistory, Persistence.History.ChangeHistory>();
        services.AddSingleton(sp => Files.MediaSettings.From(configuration, sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().ContentRootPath));
        services.AddSingleton<IFileStorage>(sp => sp.GetRequiredService<Files.MediaSettings>() is { S3: { } s3 }
            ? new Files.S3FileStorage(Files.S3FileStorage.CreateClient(s3), s3)
            : new Files.LocalFileStorage(sp.GetRequiredService<Files.MediaSettings>()));
        services.AddSingleton<IImageVariants, Files.VipsImageVariants>();
        services.AddScoped<Persistence.Seeding.LoadDataGenerator>();
        services.AddScoped<IProductImportStore, Persistence.Importing.ProductImportStore>();
        services.AddSingleton<IIdempotencyStore, Idempotency.IdempotencyStore>();
        services.AddSingleton<IRateLimitStore, RateLimiting.RateLimitStore>();
        services.AddScoped<IImportJobStore, Persistence.Imports.ImportJobStore>();
        services.AddSingleton<Persistence.Imports.ImportQueueSignal>();
        services.AddSingleton<Application.Imports.IImportProgress, Persistence.Imports.ImportProgressBoard>();

        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section));
        services.AddOptions<LockoutSettings>().Bind(configuration.GetSection(LockoutSettings.Section));
        services.AddIdentityCore<IdentityUser>(o =>
            {
                var lockout = configuration.GetSection(LockoutSettings.Section).Get<LockoutSettings>() ?? new LockoutSettings();
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = lockout.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(lockout.Minutes);
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 8; // Django's MinimumLengthValidator default
            })
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddPasswordValidator<NumericPasswordValidator>()
            .AddPasswordValidator<UserAttributeSimilarityValidator>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ShopDbContext>();
        services.AddScoped<FailedSignIns>();
        services.AddSingleton<SignInQueue>();
        services.AddScoped<IIdentityService, IdentityService>();
        services.AddScoped<IRefreshTokenStore, RefreshTokenStore>();
        services.AddSingleton<IAccessTokenIssuer, AccessTokenIssuer>();
        return services;
    }

    /// <summary>
    /// The replica for anonymous catalog reads, when one is configured; the host registers its own
    /// <see cref="IReplicaReadPolicy"/> to say which requests those are. Without one, the read store uses the primary's
    /// context as it always did, and only writes pay for <see cref="CatalogChanges"/> (PostgreSQL: a NOTIFY each).
    /// </summary>
    private static void AddReadReplica(IServiceCollection services, DatabaseSettings database)
    {
        services.AddSingleton<CatalogChanges>();
        services.TryAddScoped<IReplicaReadPolicy, PrimaryOnly>();
        if (database.ReadConnectionString is { } read)
        {
            services.AddSingleton(sp => new ReadReplica(read, sp.GetRequiredService<ReplicaProgress>(), sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<IReplicaPosition>(new PostgresReplicaPosition(ReadReplica.SessionConnectionString(read)));
            services.AddSingleton<ReplicaProgress>();
        }
        services.AddScoped(sp => new CatalogReadDatabase(
            sp.GetRequiredService<ShopDbContext>(), sp.GetService<ReadReplica>(), sp.GetRequiredService<IReplicaReadPolicy>()));
    }

    /// <summary>
    /// PostgreSQL plans every statement it is sent unprepared: about 1 ms for a product's joins, several times what running
    /// it costs. Npgsql prepares the statements a connection keeps repeating (EF Core sends the same parameterised SQL) and
    /// keeps them across pooled connections, so the hot reads are planned once. A connection string that sets it keeps its value.
    /// </summary>
    internal static string WithPreparedStatements(string connectionString)
    {
        if (connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) return connectionString;
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 100, AutoPrepareMinUsages = 2 }.ConnectionString;
    }
}

internal static class SearchTextBackfillSetup
{
    public static DbContextOptionsBuilder AddSearchTextBackfill(this DbContextOptionsBuilder options) => options
        .UseSeeding((db, _) => SearchTextBackfill.Run(db))
        .UseAsyncSeeding((db, _, ct) => SearchTextBackfill.RunAsync(db, ct));
}

/// <summary>Bound from <c>Auth:Lockout</c>: 5 failed passwords lock an account for 5 minutes by default.</summary>
public sealed class LockoutSettings
{
    public const string Section = "Auth:Lockout";
    public int MaxFailedAttempts { get; set; } = 5;
    public int Minutes { get; set; } = 5;
}
