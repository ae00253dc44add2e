namespace Shop.WebApi.Cli;

/// <summary>
/// <c>healthcheck</c>: asks the server running on this machine for <c>/healthz</c> and exits 0 when it answers 200, 1
/// otherwise. It is the container image's HEALTHCHECK: the ASP.NET Core runtime image has neither curl nor wget, and
/// the app itself is there. It builds no host and reads no database, so a probe costs one short process.
/// </summary>
internal static class HealthcheckVerb
{
    public const string Path = "/healthz";

    /// <summary>
    /// <c>http://127.0.0.1:$PORT/healthz</c> (8080 when PORT is unset, the image's port). The Host header is the first
    /// name of <c>AllowedHosts</c> (a <c>*.</c> wildcard made concrete), since host filtering answers any other with 400.
    /// </summary>
    public static async Task<int> RunAsync(string? url, CancellationToken ct)
    {
        var port = Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } p ? p : "8080";
        var target = new Uri(url ?? $"http://127.0.0.1:{port}{Path}");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        if (url is null && AllowedHost(Environment.GetEnvironmentVariable("AllowedHosts")) is { } host) request.Headers.Host = $"{host}:{port}";
        try
        {
            using var response = await client.SendAsync(request, ct);
            if (response.IsSuccessStatusCode) return CommandLine.Ok;
            await Console.Error.WriteLineAsync($"healthcheck: {target} answered {(int)response.StatusCode}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {target} did not answer: {ex.GetBaseException().Message}");
        }
        return CommandLine.Failed;
    }

    private static string? AllowedHost(string? allowedHosts)
    {
        var first = allowedHosts?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first switch
        {
            null or "*" => null,
            _ when first.StartsWith("*.", StringComparison.Ordinal) => "health" + first[1..],
            _ => first,
        };
    }
}
