using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Shop.WebApi.Web;

internal static class ProblemSetup
{
    /// <summary>Every problem (ours, the framework's, the status-code pages') carries type, title, status, detail and traceId.</summary>
    public static IServiceCollection AddShopProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var p = ctx.ProblemDetails;
            p.Status ??= ctx.HttpContext.Response.StatusCode;
            p.Title ??= ReasonPhrases.GetReasonPhrase(p.Status.Value);
            p.Type ??= $"https://httpstatuses.io/{p.Status}";
            p.Detail ??= DefaultDetail(p.Status.Value);
            p.Extensions["traceId"] = Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier;
        });
    }

    /// <summary>
    /// Answers a problem from middleware that runs outside the exception handler (limits, media types, rate limiting):
    /// the status is set on the response, and the usual members (type, traceId) are added as for every other problem.
    /// </summary>
    /// <param name="errors">Field → messages, for a refusal keyed by a field or header (written as given: the serializer's
    /// camelCase key policy would turn "Idempotency-Key" into "idempotency-Key").</param>
    internal static Task WriteProblemAsync(this HttpContext http, int status, string title, string detail, System.Text.Json.Nodes.JsonObject? errors = null)
    {
        http.Response.StatusCode = status;
        var context = new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status, Title = title, Detail = detail } };
        if (errors is not null) context.ProblemDetails.Extensions["errors"] = errors;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(context).AsTask();
    }

    /// <summary>What a bare status means to an API client; also the detail of the handler's own 413 and 415.</summary>
    internal static string DefaultDetail(int status) => status switch
    {
        401 => "Authentication is required: send 'Authorization: Bearer <access token>'.",
        403 => "You are signed in but not allowed to do this.",
        404 => "There is nothing at this address.",
        405 => "This method is not allowed on this resource.",
        406 => "The requested representation is not available.",
        413 => "The request body is too large.",
        // JSON for most endpoints, multipart/form-data for image uploads.
        415 => "Unsupported media type; send the body as the API reference says (application/json, or multipart/form-data for uploads).",
        429 => "Too many requests; wait and retry.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
