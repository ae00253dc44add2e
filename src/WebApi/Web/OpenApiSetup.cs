using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;

namespace Shop.WebApi.Web;

internal static class OpenApiSetup
{
    private const string CursorDescription =
        "Keyset paging: the nextCursor of a previous answer; the list continues right after that page's last product, " +
        "with no product skipped or repeated however the catalog changes meanwhile. The cursor carries its list's filters " +
        "and ordering: leave them out or repeat them unchanged (a different one is a 400 keyed cursor, as is an altered " +
        "cursor). page is ignored with a cursor; next links to the following cursor page and previous is null.";

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
        o.AddSchemaTransformer(async (schema, context, ct) =>
        {
            var type = context.JsonTypeInfo.Type;
            // A merge-patch field (Optional<T>) is just T on the wire.
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Shop.Application.Common.Models.Optional<>))
            {
                var inner = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, ct);
                schema.Type = inner.Type;
                schema.Format = inner.Format;
                schema.Items = inner.Items;
                schema.Enum = inner.Enum;
                schema.Properties = inner.Properties;
                schema.AdditionalPropertiesAllowed = inner.AdditionalPropertiesAllowed;
            }
            // Money goes through a custom converter, which hides its JSON type from the generator.
            if (Nullable.GetUnderlyingType(type) == typeof(decimal) || type == typeof(decimal))
            {
                schema.Type = type == typeof(decimal) ? JsonSchemaType.Number : JsonSchemaType.Number | JsonSchemaType.Null;
                schema.Format = null;
            }
        });
        // Query parameters are documented as clients write them (binding ignores case).
        o.AddOperationTransformer((operation, _, _) =>
        {
            foreach (var p in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (p.In == ParameterLocation.Query && p.Name is { Length: > 0 } name)
                    p.Name = char.ToLowerInvariant(name[0]) + name[1..];
                if (p.In == ParameterLocation.Query && p.Name == "cursor") p.Description = CursorDescription;
            }
            return Task.CompletedTask;
        });
        // An endpoint that reads its body as raw JSON (bulk create takes JsonElement[] and reads the items one by one)
        // documents what the body holds with Accepts<T>: that type is the request schema, not "an array of anything".
        o.AddOperationTransformer(async (operation, context, ct) =>
        {
            if (operation.RequestBody?.Content is not { Count: > 0 } content
                || !context.Description.ParameterDescriptions.Any(p => p.Type == typeof(System.Text.Json.JsonElement[])))
                return;
            var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>()
                .LastOrDefault(a => a.RequestType is not null && a.RequestType != typeof(System.Text.Json.JsonElement[]))?.RequestType;
            if (declared is null) return;
            var schema = await context.GetOrCreateSchemaAsync(declared, null, ct);
            foreach (var media in content.Values) media.Schema = schema;
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
