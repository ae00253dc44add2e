using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Shop.WebApi.Web;

/// <summary>
/// How large an API request body may be: 1 MiB unless the endpoint sets its own limit (bulk create 16 MiB, image
/// uploads 5 MiB and a little). A larger body is a 413 problem. Kestrel's own default (about 28.6 MiB) would let a
/// single product of many megabytes through.
/// </summary>
public static class RequestLimits
{
    /// <summary>Every API body, unless its endpoint says otherwise.</summary>
    public const int JsonMiB = 1;

    /// <summary>POST /api/products/bulk: 1000 items of about 16 KiB each.</summary>
    public const int BulkJsonMiB = 16;

    public const long JsonBytes = JsonMiB * 1024L * 1024;
    public const long BulkJsonBytes = BulkJsonMiB * 1024L * 1024;

    /// <summary>
    /// After routing (the endpoint's own limit is known): a body whose declared length is over the limit is answered
    /// 413 at once, without reading it, and the server may then read the rest and discard it (rather than close the
    /// connection under a client that is still sending, which it would see as a reset). A body of unknown length
    /// (chunked) is cut off by the server at the limit while it is read, also a 413 problem.
    /// </summary>
    internal static IApplicationBuilder UseApiBodyLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!AuthSetup.IsApi(http.Request))
        {
            await next(http);
            return;
        }
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? JsonBytes;
        if (http.Request.ContentLength is { } length && length > limit)
        {
            if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = null;
            await http.WriteProblemAsync(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"{ProblemSetup.DefaultDetail(StatusCodes.Status413PayloadTooLarge)} This endpoint takes at most {Describe(limit)}.");
            return;
        }
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        await next(http);
    });

    private static string Describe(long bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes / 1024} KiB";
}
