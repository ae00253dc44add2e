using Shop.WebApi.Web;

namespace Shop.WebApi.Endpoints;

public static class ApiRoot
{
    public sealed record ApiRootDto(string Products, string Categories, string Tags, string Token, string Docs, string OpenApi);

    public static void MapApiRoot(this IEndpointRouteBuilder app) =>
        app.MapGet("/api", (HttpRequest r) => TypedResults.Ok(new ApiRootDto(
                Url(r, "/api/products"), Url(r, "/api/categories"), Url(r, "/api/tags"),
                Url(r, "/api/token"), Url(r, "/api/docs"), Url(r, "/openapi/v1.json"))))
            .WithTags("Service").WithName("ApiRoot").WithSummary("Links to each collection and to the docs.");

    private static string Url(HttpRequest r, string path) => PublicUrls.Absolute(r, path);
}
