using Microsoft.AspNetCore.OutputCaching;

namespace Shop.WebApi.Web;

/// <summary>Bound from <c>OutputCache</c>: the anonymous catalog reads kept in memory, and for how long at most.</summary>
public sealed class OutputCacheSettings
{
    public const string Section = "OutputCache";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest a cached answer lives. Writes through this app evict at once; this bounds how stale an answer can get
    /// after a write this process does not see (the CLI's import or seed, another instance, SQL by hand).
    /// </summary>
    public int Seconds { get; set; } = 10;

    /// <summary>
    /// How long past <see cref="Seconds"/> an answer may still be served while one request recomputes it (see
    /// <see cref="RefreshingOutputCacheStore"/>). Only answers no write evicted; a busy key is recomputed as soon as its
    /// time is up, so callers see an answer older than <see cref="Seconds"/> only while that one recompute runs.
    /// </summary>
    public int StaleSeconds { get; set; } = 30;
}

/// <summary>
/// Output caching of the API's catalog reads for anonymous callers. The framework's default policy does the
/// "never another user's answer" part: a request with an Authorization header or a signed-in user is neither served
/// from nor stored in the cache, and only 200s without cookies are stored; the key holds the path and every query value.
/// </summary>
internal static class OutputCacheSetup
{
    public const string CatalogPolicy = "catalog";
    public const string CatalogTag = "catalog";

    public static IServiceCollection AddShopOutputCache(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(OutputCacheSettings.Section).Get<OutputCacheSettings>() ?? new();
        services.AddOutputCache(o => o.AddPolicy(CatalogPolicy, b =>
        {
            if (settings.Enabled) b.Expire(TimeSpan.FromSeconds(settings.Seconds)).Tag(CatalogTag).AddPolicy<RefreshingOutputCacheStore.GenerationPolicy>();
            else b.NoCache();
        }));

        // The framework registers its in-memory store by a factory; the same store, wrapped.
        var framework = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(framework);
        services.AddSingleton<IOutputCacheStore>(sp => new RefreshingOutputCacheStore(
            (IOutputCacheStore)framework.ImplementationFactory!(sp), sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(Math.Max(0, settings.StaleSeconds))));
        services.AddSingleton(sp => new CatalogEviction(sp.GetRequiredService<IOutputCacheStore>(),
            sp.GetRequiredService<Infrastructure.Persistence.Replication.CatalogChanges>(), sp.GetService<Infrastructure.Persistence.Replication.ReplicaProgress>()));
        return services;
    }

    /// <summary>Marks a read endpoint as cacheable for anonymous callers (evicted by any write).</summary>
    public static TBuilder CachedForAnonymous<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.CacheOutput(CatalogPolicy);

    /// <summary>
    /// Evicts every cached catalog answer when a write succeeds, then serves from the cache. One rule that no write can
    /// be forgotten by: every write is an unsafe request (POST, PUT, PATCH, DELETE: API, page forms, admin bulk actions)
    /// by a signed-in caller, and it evicts when it answers below 400 — after its handler, so after its transaction
    /// committed, and before the client has the answer, so its next read sees the change. A product, category or tag
    /// change can show in any list or detail answer, so they all share one tag. Unsafe requests by anonymous callers
    /// (sign-in, token) change no catalog answer and cannot empty the cache. On PostgreSQL the eviction is announced to the
    /// other servers (<see cref="CatalogEviction"/>) and the replica must catch up with the write before it is read again.
    /// </summary>
    public static void UseShopOutputCache(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.OnStarting(async () =>
                {
                    if (context.Response.StatusCode < 400 && context.User.Identity?.IsAuthenticated == true)
                        await context.RequestServices.GetRequiredService<CatalogEviction>().AfterWriteAsync(CancellationToken.None);
                });
            }
            await next(context);
        });
        app.UseOutputCache();
    }
}
