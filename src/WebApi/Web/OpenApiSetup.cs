using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
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
            // So do timestamps (written as UTC with a Z): a date-time string, null where the property is nullable.
            if (type == typeof(DateTime) || Nullable.GetUnderlyingType(type) == typeof(DateTime))
            {
                schema.Type = type == typeof(DateTime) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                schema.Format = "date-time";
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
        // The failures an operation can answer, each as problem+json (API.md "Conventions"), beside its success.
        o.AddOperationTransformer(async (operation, context, ct) =>
        {
            var api = context.Description;
            var method = api.HttpMethod?.ToUpperInvariant() ?? "GET";
            var route = "/" + (api.RelativePath ?? "");
            var staff = api.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any();
            var hasBody = operation.RequestBody is not null;
            var hasPathParameter = api.ParameterDescriptions.Any(p => p.Source == BindingSource.Path);
            var hasQuery = api.ParameterDescriptions.Any(p => p.Source == BindingSource.Query);
            var isToken = route.StartsWith("/api/token", StringComparison.Ordinal);
            var isUpload = operation.RequestBody?.Content?.ContainsKey("multipart/form-data") == true;
            var problem = await ProblemSchemaAsync(context, ct);
            operation.Responses ??= new OpenApiResponses();

            void Add(int status, string description) => operation.Responses.TryAdd(
                status.ToString(CultureInfo.InvariantCulture),
                new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
                });

            if (hasBody || hasQuery || hasPathParameter) Add(400, "Bad input; validation errors are keyed by field in `errors`.");
            if (staff) Add(401, "Not authenticated: no bearer token, or not a valid one.");
            if (staff) Add(403, "Authenticated, but not a staff user.");
            if (isToken) Add(401, "Bad credentials, or a refresh token that is unknown, expired or already used.");
            if (hasPathParameter) Add(404, "Unknown, or not visible to the caller.");
            if (staff && !isUpload && (method is "POST" or "PUT" or "PATCH" || route.StartsWith("/api/categories", StringComparison.Ordinal)))
                Add(409, "A business rule or uniqueness conflict.");
            if (method is "PUT" or "PATCH" && route.StartsWith("/api/products/", StringComparison.Ordinal))
                Add(412, "If-Match does not match the current ETag.");
            if (hasBody) Add(413, "The body is too large.");
            if (hasBody) Add(415, "The body's media type is not accepted.");
            if (isToken) Add(429, "Too many sign-in attempts from this address; see Retry-After.");
        });
        // The Idempotency-Key header, on the POSTs it applies to (IdempotencyMiddleware: every POST under /api but the token endpoints).
        o.AddOperationTransformer(async (operation, context, ct) =>
        {
            var api = context.Description;
            if (api.HttpMethod?.ToUpperInvariant() != "POST" || !("/" + api.RelativePath).StartsWith("/api/", StringComparison.Ordinal)
                || api.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any()) return;
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Application.Common.Idempotency.IdempotencyRules.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Optional, 1–255 printable ASCII characters (else 400). The first request with a key runs; the same key with " +
                    "the same body (bytes and Content-Type) within 24 h replays its answer (status, headers, body) with " +
                    "Idempotent-Replayed: true, and a duplicate sent while the first runs waits for that answer. Keys are the caller's " +
                    "own, per method and path. 5xx answers, 401, 403, 408 and 429 are not kept: a retry runs again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Application.Common.Idempotency.IdempotencyRules.MaxKeyLength },
            });
            var problem = await ProblemSchemaAsync(context, ct);
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("422", new OpenApiResponse
            {
                Description = "The Idempotency-Key was used with a different body (errors keyed Idempotency-Key).",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
            });
            operation.Responses.TryAdd("409", new OpenApiResponse
            {
                Description = "A request with this Idempotency-Key is still running after 20 s; retry (Retry-After).",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
            });
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

    /// <summary>The problem+json schema, one component that every error response refers to.</summary>
    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        const string id = "ProblemDetails";
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(id) != true)
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), null, ct));
        return new OpenApiSchemaReference(id, document);
    }
}
