using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Shop.WebApi.Web;

/// <summary>
/// Redirect targets that come from the client (<c>ReturnUrl</c>, a form's <c>back</c>): only a path on this site is
/// followed, and it is percent-encoded to ASCII, since a <c>Location</c> header cannot carry <c>/été</c> as typed
/// (the server refuses to send it and the request ends in a 500).
/// </summary>
public static class LocalUrl
{
    /// <summary>
    /// <paramref name="url"/> ready for a <c>Location</c> header when it is a local path (<c>/…</c>, but not <c>//host</c>
    /// or <c>/\host</c>, which browsers read as another site, and nothing with control characters, which browsers drop);
    /// otherwise <paramref name="fallback"/>.
    /// </summary>
    public static string OrFallback(string? url, string fallback = "/") => IsLocal(url) ? Encode(url!) : fallback;

    /// <summary>
    /// Signing in on the login page makes the cookie handler itself redirect to the query's <c>ReturnUrl</c>, before the
    /// page's own redirect: that one goes through <see cref="OrFallback"/> too. A post-configuration, so it wraps
    /// whatever the cookie's own setup chose.
    /// </summary>
    public static IServiceCollection AddShopLocalRedirects(this IServiceCollection services) =>
        services.PostConfigure<CookieAuthenticationOptions>(AuthSetup.CookieScheme, o =>
        {
            var redirect = o.Events.OnRedirectToReturnUrl;
            o.Events.OnRedirectToReturnUrl = ctx =>
            {
                ctx.RedirectUri = OrFallback(ctx.RedirectUri);
                return redirect(ctx);
            };
        });

    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);

    /// <summary>Percent-encodes (as UTF-8) every character that is not printable ASCII, and a <c>%</c> that starts no escape.</summary>
    private static string Encode(string url)
    {
        var sb = new StringBuilder(url.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c == '%')
            {
                sb.Append(i + 2 < url.Length && Uri.IsHexDigit(url[i + 1]) && Uri.IsHexDigit(url[i + 2]) ? "%" : "%25");
            }
            else if (c is > ' ' and < '\x7f')
            {
                sb.Append(c);
            }
            else
            {
                // A lone surrogate cannot be encoded: it becomes U+FFFD, as any UTF-8 encoder does.
                var rune = Rune.TryGetRuneAt(url, i, out var r) ? r : Rune.ReplacementChar;
                if (rune.Utf16SequenceLength == 2) i++;
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length]) sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }
}
