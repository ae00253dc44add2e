using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Shop.Application.Common.Exceptions;
using Shop.Domain.Common;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Shop.WebApi.Web;

/// <summary>
/// The one place where failures become HTTP answers: every error is problem+json, and nothing of the
/// exception (type, message of an unexpected error, stack, SQL) reaches the client.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed the request at the HTML error page; decide by the original path.
        var originalPath = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path;
        if (!AuthSetup.IsApi(originalPath))
        {
            // Pages fall through to the HTML error page; their expected failures are handled in the page models.
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, originalPath);
            return false;
        }
        var problem = ToProblem(exception, http);
        if (problem.Status >= 500 && problem.Status != 503) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        else logger.LogDebug("{Status} on {Method} {Path}: {Message}", problem.Status, http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
        if (exception is AuthenticationFailedException) http.Response.Headers.WWWAuthenticate = "Bearer";
        if (problem.Status == 503) http.Response.Headers.RetryAfter = BusyRetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int BusyRetrySeconds = 10;

    private static bool IsSqliteBusy(Exception exception) =>
        (exception as Microsoft.Data.Sqlite.SqliteException ?? exception.InnerException as Microsoft.Data.Sqlite.SqliteException)
            is { SqliteErrorCode: SqliteBusy or SqliteLocked };

    internal static ProblemDetails ToProblem(Exception exception, HttpContext? http = null) => exception switch
    {
        ValidationException v => Validation(v.Errors),
        NotFoundException => Problem(404, "Not found", exception.Message),
        ConflictException c => WithErrors(Problem(409, "Conflict", c.Message), c.Errors),
        DomainException d => WithField(Problem(409, "Business rule violated", d.Message), d.Field, d.Message),
        PreconditionFailedException => Problem(412, "Precondition failed", exception.Message),
        PayloadTooLargeException => Problem(413, "Payload too large", exception.Message),
        UnsupportedMediaTypeException => Problem(415, "Unsupported media type", exception.Message),
        AuthenticationFailedException => Problem(401, "Unauthorized", exception.Message),
        BadHttpRequestException bad => FromBadRequest(bad, http),
        JsonException json => FromJson(json, http is null ? null : JsonBody.Of(http)),
        // The validators refuse NUL in every text field; this catches any the database still rejects as unstorable text.
        DbException { SqlState: "22021" } => Problem(400, "Bad request", "The request contains a character that cannot be stored (NUL)."),
        // SQLite has one writer: a write that waited its whole timeout for a long one (an import job) is told to come back.
        _ when IsSqliteBusy(exception) =>
            Problem(503, "Service unavailable", $"The database is busy with a long write (such as an import); try again in {BusyRetrySeconds} seconds."),
        _ => Problem(500, "Internal server error", "An unexpected error occurred. It has been logged."),
    };

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad, HttpContext? http)
    {
        if (bad.InnerException is JsonException json) return FromJson(json, http is null ? null : JsonBody.Of(http));
        // The form reader stops at its limits while the body streams in (an upload part over 5 MiB): that is a 413.
        if (bad.InnerException is InvalidDataException data && data.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            return Problem(413, "Payload too large", ProblemSetup.DefaultDetail(413));
        if (bad.StatusCode == 400 && http is not null && UnparsableParameters.Of(http) is { Count: > 0 } unparsable)
            return Validation(unparsable.ToDictionary(p => p.Field, p => new[] { $"'{Truncate(p.Value)}' is not a valid value for {p.Field}." }));
        return bad.StatusCode switch
        {
            413 => Problem(413, "Payload too large", ProblemSetup.DefaultDetail(413)),
            415 => Problem(415, "Unsupported media type", ProblemSetup.DefaultDetail(415)),
            _ when bad.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase)
                   || bad.Message.Contains("was not provided from body", StringComparison.OrdinalIgnoreCase)
                => Problem(400, "Bad request", "A JSON body is required."),
            _ => Problem(bad.StatusCode, "Bad request", "The request is malformed."),
        };
    }

    /// <summary>
    /// A body that is not JSON at all is a plain 400; a value of the wrong type (or a null, or an unknown
    /// property) is a validation error keyed by the field, as the API names it (see <see cref="JsonBodyErrors"/>).
    /// </summary>
    private static ProblemDetails FromJson(JsonException json, JsonBody? body)
    {
        var error = JsonBodyErrors.Describe(json, body?.Type, body?.Options ?? JsonSerializerOptions.Web);
        if (error is null) return Problem(400, "Bad request", "The body is not valid JSON of the expected shape.");
        return Validation(new Dictionary<string, string[]> { [error.Field] = [error.Message] });
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static ProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors)
    {
        var problem = Problem(400, "Validation failed", "One or more fields are invalid; see errors.");
        problem.Extensions["errors"] = errors;
        return problem;
    }

    private static ProblemDetails WithErrors(ProblemDetails problem, IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count > 0) problem.Extensions["errors"] = errors;
        return problem;
    }

    private static ProblemDetails WithField(ProblemDetails problem, string? field, string message)
    {
        if (field is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return problem;
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}

/// <summary>The JSON body an endpoint reads: its type (as the endpoint declares it) and the API's serializer options.</summary>
internal sealed record JsonBody(Type Type, JsonSerializerOptions Options)
{
    public static JsonBody? Of(HttpContext http)
    {
        // The exception handler has already cleared the endpoint from the context; its feature keeps the one that failed.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var type = endpoint?.Metadata.GetOrderedMetadata<IAcceptsMetadata>().LastOrDefault(a => a.RequestType is not null)?.RequestType;
        if (type is null) return null;
        var options = http.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        return new JsonBody(type, options);
    }
}
