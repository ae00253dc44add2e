using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Shop.Application;
using Shop.Application.Common.Interfaces;
using Shop.Infrastructure;
using Shop.Infrastructure.Identity;
using Shop.Infrastructure.Persistence;
using Shop.WebApi.Cli;
using Shop.WebApi.Endpoints;
using Shop.WebApi.Web;

namespace Shop.WebApi;

/// <summary>A configuration the app refuses to start with; reported as a message, not a crash.</summary>
public sealed class StartupException(string message) : Exception(message);

/// <summary>The composition root: services, then the HTTP pipeline.</summary>
public static class ShopApp
{
    public static void AddShop(this WebApplicationBuilder builder, bool servingHttp)
    {
        var config = builder.Configuration;
        if (builder.Environment.IsDevelopment()) DotEnv.Load(Path.Combine(builder.Environment.ContentRootPath, ".env"), config);
        if (servingHttp && !builder.Environment.IsDevelopment())
        {
            // Production refuses to start with a missing, short or development signing key.
            var jwt = config.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
            if (jwt.KeyProblem() is { } problem)
                throw new StartupException($"{problem} Set Jwt__SigningKey to a random secret of at least {JwtOptions.MinimumKeyBytes} bytes.");
        }
        if (servingHttp && PublicUrlOptions.From(config).Problem is { } urlProblem) throw new StartupException(urlProblem);

        builder.AddShopTelemetry();

        var database = DatabaseSettings.From(config, Path.Combine(builder.Environment.ContentRootPath, "data"));
        builder.Services
            .AddApplication(config["AutoMapper:LicenseKey"])
            .AddInfrastructure(config, database)
            .AddHttpContextAccessor()
            .AddScoped<ICurrentUser, HttpCurrentUser>()
            .AddScoped<DemoCatalog>()
            .AddShopProblemDetails()
            .AddShopAuth(config)
            .AddShopTokenRateLimit(config, servingHttp)
            .AddShopPublicUrls(config)
            .AddShopLocalRedirects()
            .AddShopOpenApi()
            .AddShopHealthChecks(database)
            .AddShopOutputCache(config);
        if (servingHttp) builder.Services.AddShopIdempotency();

        builder.Services.AddDataProtection().SetApplicationName("Shop").PersistKeysToDbContext<ShopDbContext>();
        builder.Services.AddShopPages();
        // Import jobs run where the shop serves HTTP, never inside a CLI verb.
        if (servingHttp) builder.Services.AddHostedService<Jobs.ImportJobWorker>();
        // Anonymous catalog reads may go to the replica (see AnonymousReadsToReplica); other servers' writes evict here.
        builder.Services.AddScoped<Infrastructure.Persistence.Replication.IReplicaReadPolicy, AnonymousReadsToReplica>();
        if (servingHttp && database.Provider == DatabaseProvider.Postgres) builder.Services.AddHostedService<CatalogChangeListener>();

        // No "Server: Kestrel" on any answer, the server's own 400/414/431 included.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.Configure<JsonOptions>(o => JsonSetup.Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind a TLS-terminating proxy: honour its X-Forwarded-* headers. Only proxies on loopback are
            // trusted by default (add others under ForwardedHeaders:KnownProxies), so a remote client cannot
            // spoof its address past the token rate limit.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            // The default list spares localhost; behind a proxy on the same host every request looks local.
            o.ExcludedHosts.Clear();
        });
    }

    public static void UseShop(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // API errors are problem+json (ProblemDetailsExceptionHandler); page errors re-execute a friendly page.
        app.UseExceptionHandler("/errors/500");
        app.UseWhen(c => AuthSetup.IsApi(c.Request), api => api.UseStatusCodePages());
        app.UseWhen(c => !AuthSetup.IsApi(c.Request), pages => pages.UseStatusCodePagesWithReExecute("/errors/{0}"));
        app.UseSecurityHeaders();
        // Uploaded images, before routing: a file answers at once, anything else under /media falls through to a 404.
        app.UseMedia();
        app.UseApiDocsAddress();
        // Routing after the re-executing middlewares, so an error page re-executed for a page request is routed.
        app.UseRouting();
        if (!app.Environment.IsDevelopment())
        {
            // HSTS is only sent over HTTPS; redirection only happens when the app knows an HTTPS port
            // (an https:// URL or HTTPS_PORTS). Plain HTTP behind a proxy is left alone.
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseShopTokenRateLimit();
        app.UseApiBodyLimits();
        app.UseDeclaredMediaTypes();
        app.UseShopOutputCache();
        app.UseShopIdempotency();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapApiDocs();
        app.MapApiRoot();
        app.MapProducts();
        app.MapCategories();
        app.MapTags();
        app.MapImports();
        app.MapTokens();
        app.MapShopHealthChecks();
    }

    public static Task PrepareDatabaseAsync(this WebApplication app) => DatabaseStartup.PrepareAsync(app);
}
