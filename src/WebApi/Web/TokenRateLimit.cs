using System.Data.Common;
using System.Globalization;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.RateLimiting;

namespace Shop.WebApi.Web;

/// <summary>Bound from <c>Auth:TokenRateLimit</c>: 10 requests per 60 s per client address over the token endpoints.</summary>
public sealed class TokenRateLimitSettings
{
    public const string Section = "Auth:TokenRateLimit";
    public int PermitLimit { get; set; } = 10;
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>Marks an endpoint whose POSTs count against the sign-in limit (the token endpoints, the login form).</summary>
internal sealed class TokenRateLimited;

/// <summary>
/// The sign-in limit: POSTs to an endpoint marked <see cref="TokenRateLimited"/> are counted per client address
/// in fixed windows kept in the database (<see cref="IRateLimitStore"/>), so every instance behind a balancer counts into
/// the same window and N instances allow what one allows. Over the limit: 429 with <c>Retry-After</c>, the whole seconds
/// left in the window. The client address is the connection's, or the trusted proxy's <c>X-Forwarded-For</c>
/// (<c>UseForwardedHeaders</c> runs first).
/// <para>
/// When the database cannot count, the request is refused with a 503 and <c>Retry-After</c> instead of let through
/// uncounted: everything the limit protects needs the database anyway, and an outage must not switch the limit off.
/// </para>
/// </summary>
internal sealed class TokenRateLimitMiddleware(
    RequestDelegate next, IRateLimitStore store, TimeProvider clock, TokenRateLimitSettings settings, ILogger<TokenRateLimitMiddleware> logger)
{
    private const string PartitionPrefix = "token|";
    private const int UnavailableRetrySeconds = 10;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || http.GetEndpoint()?.Metadata.GetMetadata<TokenRateLimited>() is null)
        {
            await next(http);
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        RateWindow window;
        try
        {
            window = await store.CountAsync(PartitionPrefix + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                TimeSpan.FromSeconds(settings.WindowSeconds), now, http.RequestAborted);
        }
        catch (DbException ex)
        {
            logger.LogWarning(ex, "Could not count a sign-in attempt; refusing it with a 503");
            await RefuseAsync(http, StatusCodes.Status503ServiceUnavailable, UnavailableRetrySeconds, "Service unavailable",
                "Signing in is unavailable for a moment; retry after the number of seconds in Retry-After.");
            return;
        }

        if (RateLimitRules.RetryAfterSeconds(window, settings.PermitLimit, now) is { } wait)
        {
            await RefuseAsync(http, StatusCodes.Status429TooManyRequests, wait, "Too many requests",
                "Too many sign-in attempts from this address; retry after the number of seconds in Retry-After.");
            return;
        }
        await next(http);
    }

    private static async Task RefuseAsync(HttpContext http, int status, int retryAfterSeconds, string title, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (!AuthSetup.IsApi(http.Request))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(status == StatusCodes.Status429TooManyRequests
                ? "Too many sign-in attempts from this address. Wait a minute and try again."
                : "Signing in is unavailable for a moment. Try again shortly.", http.RequestAborted);
            return;
        }
        await http.WriteProblemAsync(status, title, detail);
    }
}

/// <summary>Removes ended windows once an hour (a new request restarts an ended window anyway: this only keeps the table small).</summary>
internal sealed class RateLimitWindowCleanup(IRateLimitStore store, TimeProvider clock, ILogger<RateLimitWindowCleanup> logger)
    : HourlyCleanup(clock, logger)
{
    protected override string What => "ended rate-limit windows";

    protected override Task<int> RemoveAsync(DateTime now, CancellationToken cancellationToken) => store.RemoveEndedAsync(now, cancellationToken);
}

internal static class TokenRateLimitSetup
{
    public static IServiceCollection AddShopTokenRateLimit(this IServiceCollection services, IConfiguration configuration, bool servingHttp)
    {
        services.AddSingleton(configuration.GetSection(TokenRateLimitSettings.Section).Get<TokenRateLimitSettings>() ?? new TokenRateLimitSettings());
        if (servingHttp) services.AddHostedService<RateLimitWindowCleanup>();
        return services;
    }

    /// <summary>Marks a group's POSTs as sign-in attempts.</summary>
    public static TBuilder RequireTokenRateLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TokenRateLimited());

    /// <summary>After routing (it reads the endpoint) and the forwarded headers (it reads the client address).</summary>
    public static IApplicationBuilder UseShopTokenRateLimit(this IApplicationBuilder app) => app.UseMiddleware<TokenRateLimitMiddleware>();
}
