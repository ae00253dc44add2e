using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Shop.WebApi.Web;

/// <summary>
/// Bound from <c>App</c>: <c>App__PublicBaseUrl</c> is the shop's public origin (<c>https://shop.example.com</c>, optionally with a
/// path), from which every absolute link is built. Unset, links use the request's scheme and <c>Host</c>, which host
/// filtering (<c>AllowedHosts</c>) has already checked; with <c>AllowedHosts=*</c> that host is whatever the client sent.
/// </summary>
public sealed class PublicUrlOptions
{
    public const string Section = "App";

    public string? PublicBaseUrl { get; set; }

    /// <summary>The configured base, or null when none is set (or it is not valid: see <see cref="Problem"/>).</summary>
    public Uri? BaseUri => Parse(PublicBaseUrl, out _);

    /// <summary>Why the configured value is unusable, or null when it is fine or absent.</summary>
    public string? Problem => Parse(PublicBaseUrl, out var problem) is null ? problem : null;

    public static PublicUrlOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<PublicUrlOptions>() ?? new PublicUrlOptions();

    private static Uri? Parse(string? value, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            problem = $"App__PublicBaseUrl '{value}' is not an http(s) origin such as https://shop.example.com (an optional path, no query).";
            return null;
        }
        return uri;
    }
}

/// <summary>Absolute URLs of this app (paging links, the API root, the sign-in redirect), on the public base URL when one is set.</summary>
public static class PublicUrls
{
    public static string Absolute(HttpRequest request, PathString path, QueryString query = default)
    {
        var configured = request.HttpContext.RequestServices.GetService<IOptions<PublicUrlOptions>>()?.Value.BaseUri;
        return configured is null
            ? UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, path, query)
            : UriHelper.BuildAbsolute(configured.Scheme, HostString.FromUriComponent(configured.Authority),
                PathString.FromUriComponent(configured.AbsolutePath.TrimEnd('/')), path, query);
    }

    /// <summary>
    /// Registers the options and moves the cookie's redirect to the sign-in page onto the public base URL (the cookie
    /// handler builds it from the request's <c>Host</c>). A post-configuration, so it wraps whatever redirect the
    /// cookie's own setup chose.
    /// </summary>
    public static IServiceCollection AddShopPublicUrls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicUrlOptions>().Bind(configuration.GetSection(PublicUrlOptions.Section));
        services.PostConfigure<CookieAuthenticationOptions>(AuthSetup.CookieScheme, o =>
        {
            var redirect = o.Events.OnRedirectToLogin;
            o.Events.OnRedirectToLogin = ctx =>
            {
                ctx.RedirectUri = Rebase(ctx.Request, ctx.RedirectUri);
                return redirect(ctx);
            };
        });
        return services;
    }

    /// <summary>An absolute URL of this app built from the request, moved onto the public base URL if one is set.</summary>
    private static string Rebase(HttpRequest request, string url)
    {
        var requestBase = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase);
        if (!url.StartsWith(requestBase, StringComparison.OrdinalIgnoreCase)) return url;
        var rest = url[requestBase.Length..].TrimStart('/');
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        return query < 0
            ? Absolute(request, PathString.FromUriComponent("/" + rest))
            : Absolute(request, PathString.FromUriComponent("/" + rest[..query]), QueryString.FromUriComponent(rest[query..]));
    }
}
