using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace Shop.WebApi.Web;

internal static class OpenApiSetup
{
    public static IServiceCollection AddShopOpenApi(this IServiceCollection services) => services.AddOpenApi("v1", o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Shop API",
                Version = "v1",
                Description = "The shop's product catalog. Writes need a staff user's bearer token from POST /api/token.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/token.",
            };
            return Task.CompletedTask;
        });
        // Every operation that needs authorization requires the bearer scheme.
        o.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [],
                });
            }
            return Task.CompletedTask;
        });
    });
}
