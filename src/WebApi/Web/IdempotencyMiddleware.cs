using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Shop.Application.Common.Idempotency;
using Shop.Application.Common.Interfaces;

namespace Shop.WebApi.Web;

/// <summary>
/// <c>Idempotency-Key</c> on every POST under <c>/api</c> by a signed-in caller: the first request with a key runs and its
/// answer is kept for 24 h; the same key with the same body replays that answer (status, headers, body, plus
/// <c>Idempotent-Replayed: true</c>); with another body it is a 422. Duplicates that arrive while the first runs wait for
/// its answer (the unique index on the key decides which one runs). One rule for every POST, whatever its endpoint.
/// <para>
/// Not covered: endpoints that allow anonymous callers (the token endpoints: their answers are credentials, never
/// written to the database), and no answer marked <c>Cache-Control: no-store</c> is kept.
/// </para>
/// </summary>
internal sealed class IdempotencyMiddleware(
    RequestDelegate next, IIdempotencyStore store, TimeProvider clock, IExceptionHandler problems, ILogger<IdempotencyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!Applies(http, out var key))
        {
            await next(http);
            return;
        }
        if (IdempotencyRules.KeyProblem(key) is { } problem)
        {
            await WriteKeyProblemAsync(http, StatusCodes.Status400BadRequest, "Validation failed", problem);
            return;
        }

        var fingerprint = await FingerprintAsync(http.Request);
        var scope = IdempotencyRules.Scope(CallerOf(http.User), http.Request.Method, http.Request.Path);
        var deadline = clock.GetUtcNow() + IdempotencyRules.WaitForFirst;
        while (true)
        {
            var claim = await store.ClaimAsync(scope, key!, fingerprint, clock.GetUtcNow().UtcDateTime, http.RequestAborted);
            if (claim.ClaimedId is { } id)
            {
                await RunAndKeepAsync(http, id);
                return;
            }
            if (claim.Holder is { } holder)
            {
                if (holder.Fingerprint != fingerprint)
                {
                    await WriteKeyProblemAsync(http, StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                        "This Idempotency-Key was used with a different request body; use a new key for a new request.");
                    return;
                }
                if (holder.Answer is { } answer)
                {
                    await ReplayAsync(http, answer);
                    return;
                }
            }
            if (clock.GetUtcNow() >= deadline)
            {
                http.Response.Headers.RetryAfter = "1";
                await WriteKeyProblemAsync(http, StatusCodes.Status409Conflict, "Request in progress",
                    "A request with this Idempotency-Key is still running; retry after it has answered.");
                return;
            }
            // The first request with the key is still running (or just gave it up): look again shortly.
            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, http.RequestAborted);
        }
    }

    private static bool Applies(HttpContext http, out string? key)
    {
        key = null;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments("/api")) return false;
        if (!http.Request.Headers.TryGetValue(IdempotencyRules.Header, out var values)) return false;
        if (http.User.Identity?.IsAuthenticated != true) return false;
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null) return false;
        key = values.Count == 1 ? values[0] : "";
        return true;
    }

    /// <summary>The signed-in user's id: keys are the caller's own.</summary>
    private static string CallerOf(ClaimsPrincipal user) =>
        "user:" + (user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? user.Identity!.Name);

    /// <summary>Hashes the raw body (JSON or multipart alike) and rewinds it for the endpoint; the app's body limits still apply.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IdempotencyRules.StartFingerprint(request.ContentType);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async Task RunAndKeepAsync(HttpContext http, long id)
    {
        var client = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        var kept = false;
        try
        {
            try
            {
                await next(http);
            }
            catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested && ProblemDetailsExceptionHandler.ToProblem(ex, http).Status < 500)
            {
                // A 4xx (validation, conflict, not found…) is an answer like any other: written here by the app's one
                // exception mapping, so that it can be kept and replayed. A 5xx goes on to the exception handler.
                if (!await problems.TryHandleAsync(http, ex, http.RequestAborted)) throw;
            }
            if (!http.RequestAborted.IsCancellationRequested && IdempotencyRules.IsKept(http.Response.StatusCode)
                && !http.Response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
                kept = await KeepQuietlyAsync(id, Keep(http.Response, captured.ToArray()));
        }
        finally
        {
            http.Response.Body = client;
            if (!kept) await ReleaseQuietlyAsync(id);
        }
        captured.Position = 0;
        await captured.CopyToAsync(client, http.RequestAborted);
    }

    /// <summary>The work is done: its answer goes to the client even if it cannot be kept (the key is then given up).</summary>
    private async Task<bool> KeepQuietlyAsync(long id, StoredAnswer answer)
    {
        try
        {
            await store.CompleteAsync(id, answer, CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not keep the answer of idempotency key entry {Id}", id);
            return false;
        }
    }

    private async Task ReleaseQuietlyAsync(long id)
    {
        try
        {
            await store.ReleaseAsync(id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The claim then counts as abandoned after IdempotencyRules.AbandonedAfter, and a retry runs.
            logger.LogWarning(ex, "Could not release idempotency key entry {Id}", id);
        }
    }

    private static StoredAnswer Keep(HttpResponse response, byte[] body) => new(
        response.StatusCode,
        IdempotencyRules.ReplayedHeaders.Where(h => response.Headers.ContainsKey(h)).ToDictionary(h => h, h => response.Headers[h].ToString()),
        body);

    private static async Task ReplayAsync(HttpContext http, StoredAnswer answer)
    {
        http.Response.StatusCode = answer.StatusCode;
        foreach (var (name, value) in answer.Headers) http.Response.Headers[name] = value;
        http.Response.Headers[IdempotencyRules.ReplayedHeader] = "true";
        http.Response.ContentLength = answer.Body.Length;
        await http.Response.Body.WriteAsync(answer.Body, http.RequestAborted);
    }

    private static Task WriteKeyProblemAsync(HttpContext http, int status, string title, string detail) =>
        http.WriteProblemAsync(status, title, detail, new JsonObject { [IdempotencyRules.Header] = new JsonArray(detail) });
}

/// <summary>Removes kept answers older than 24 h, once an hour (a key is reusable after that anyway: see the store's claim).</summary>
internal sealed class IdempotencyKeyCleanup(IIdempotencyStore store, TimeProvider clock, ILogger<IdempotencyKeyCleanup> logger)
    : HourlyCleanup(clock, logger)
{
    protected override string What => "expired idempotency keys";

    protected override Task<int> RemoveAsync(DateTime now, CancellationToken cancellationToken) => store.RemoveExpiredAsync(now, cancellationToken);
}

internal static class IdempotencySetup
{
    public static IServiceCollection AddShopIdempotency(this IServiceCollection services) =>
        services.AddHostedService<IdempotencyKeyCleanup>();

    /// <summary>After authentication (keys are the caller's), the body limits and the output cache's write eviction.</summary>
    public static IApplicationBuilder UseShopIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}
