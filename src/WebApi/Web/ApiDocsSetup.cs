using System.Net;
using Scalar.AspNetCore;

namespace Shop.WebApi.Web;

/// <summary>
/// The interactive API reference (Scalar) at <c>/api/docs</c>. Scalar serves its page at <c>/api/docs/</c> and redirects
/// <c>/api/docs</c> there so that the page's relative script addresses resolve; here <c>/api/docs</c> answers the page
/// itself (200, with the HTML pages' security headers) and a <c>&lt;base&gt;</c> makes those addresses resolve.
/// </summary>
internal static class ApiDocsSetup
{
    public const string Path = "/api/docs";

    /// <summary>Before routing: <c>/api/docs</c> is routed as <c>/api/docs/</c> (no redirect).</summary>
    public static IApplicationBuilder UseApiDocsAddress(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)) http.Request.Path = Path + "/";
        return next(http);
    });

    public static void MapApiDocs(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, (o, http) => o
            .WithTitle("Shop API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddHeadContent($"<base href=\"{WebUtility.HtmlEncode(http.Request.PathBase.Add(Path + "/").ToString())}\">"));
}
