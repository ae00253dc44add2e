using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Shop.WebApi.Web;

/// <summary>
/// An endpoint that reads a body takes only the media types it declares (its <see cref="IAcceptsMetadata"/>):
/// <c>application/json</c> for JSON bodies, also <c>application/merge-patch+json</c> for PATCH, <c>multipart/form-data</c>
/// for uploads. Anything else is a 415 problem before the body is read: the framework's JSON binding would take any
/// <c>+json</c> type, so <c>application/json-patch+json</c> (a list of operations, not a merge patch) would be read as one.
/// </summary>
internal static class MediaTypes
{
    public static IApplicationBuilder UseDeclaredMediaTypes(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var accepted = http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAcceptsMetadata>().SelectMany(a => a.ContentTypes).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // Without a Content-Type the endpoint's binding answers (415 for a body it needs, nothing for an optional one).
        if (accepted is not { Count: > 0 } || string.IsNullOrEmpty(http.Request.ContentType) || Accepts(accepted, http.Request.ContentType))
        {
            await next(http);
            return;
        }

        if (HttpMethods.IsPatch(http.Request.Method)) http.Response.Headers["Accept-Patch"] = string.Join(", ", accepted);
        await http.WriteProblemAsync(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"Unsupported media type; this endpoint takes {string.Join(" or ", accepted)}.");
    });

    private static bool Accepts(IEnumerable<string> accepted, string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var given)
        && accepted.Any(a => MediaTypeHeaderValue.TryParse(a, out var type) && type.MediaType.Equals(given.MediaType, StringComparison.OrdinalIgnoreCase));
}
