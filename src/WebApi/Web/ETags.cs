using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Shop.WebApi.Web;

/// <summary>Strong ETags computed from the representation itself, so any change a client could see changes the tag.</summary>
internal static class ETags
{
    public static string Of<T>(T value, HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value, options));
        return $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"";
    }

    /// <summary>True when an <c>If-None-Match</c> of the request names <paramref name="etag"/> (or is <c>*</c>).</summary>
    public static bool NoneMatch(HttpRequest request, string etag) => Matches(request.Headers.IfNoneMatch, etag, strong: false);

    /// <summary>
    /// Null when there is no <c>If-Match</c>; otherwise whether it names <paramref name="etag"/> by the strong comparison
    /// RFC 9110 requires (a weak tag never matches) or is <c>*</c>. A header that does not parse matches nothing.
    /// </summary>
    public static bool? IfMatch(HttpRequest request, string etag) =>
        request.Headers.IfMatch.Count == 0 ? null : Matches(request.Headers.IfMatch, etag, strong: true);

    // If-None-Match compares weakly (RFC 9110 §13.1.2), If-Match strongly (§13.1.1).
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues header, string etag, bool strong)
    {
        if (header.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(header, out var tags)) return false;
        var current = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: strong));
    }
}
