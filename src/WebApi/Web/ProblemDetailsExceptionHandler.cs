using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Shop.Application.Common.Exceptions;
using Shop.Domain.Common;

namespace Shop.WebApi.Web;

/// <summary>
/// The one place where failures become HTTP answers: every error is problem+json, and nothing of the
/// exception (type, message of an unexpected error, stack, SQL) reaches the client.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger)
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
        var problem = ToProblem(exception);
        if (problem.Status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        else logger.LogDebug("{Status} on {Method} {Path}: {Message}", problem.Status, http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
        if (exception is AuthenticationFailedException) http.Response.Headers.WWWAuthenticate = "Bearer";
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ValidationException v => Validation(v.Errors),
        NotFoundException => Problem(404, "Not found", exception.Message),
        ConflictException c => WithErrors(Problem(409, "Conflict", c.Message), c.Errors),
        DomainException d => WithField(Problem(409, "Business rule violated", d.Message), d.Field, d.Message),
        PreconditionFailedException => Problem(412, "Precondition failed", exception.Message),
        PayloadTooLargeException => Problem(413, "Payload too large", exception.Message),
        UnsupportedMediaTypeException => Problem(415, "Unsupported media type", exception.Message),
        AuthenticationFailedException => Problem(401, "Unauthorized", exception.Message),
        BadHttpRequestException bad => FromBadRequest(bad),
        JsonException json => FromJson(json),
        // The validators refuse NUL in every text field; this catches any the database still rejects as unstorable text.
        DbException { SqlState: "22021" } => Problem(400, "Bad request", "The request contains a character that cannot be stored (NUL)."),
        _ => Problem(500, "Internal server error", "An unexpected error occurred. It has been logged."),
    };

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json) return FromJson(json);
        // The form reader stops at its limits while the body streams in (an upload part over 5 MiB): that is a 413.
        if (bad.InnerException is InvalidDataException data && data.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            return Problem(413, "Payload too large", ProblemSetup.DefaultDetail(413));
        if (bad.StatusCode == 400 && BindFailure().Match(bad.Message) is { Success: true } m)
        {
            var field = FieldPath.ToCamelCase(m.Groups["name"].Value);
            return Validation(new Dictionary<string, string[]> { [field] = [$"'{Truncate(m.Groups["value"].Value)}' is not a valid value for {field}."] });
        }
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
    /// property) is a validation error keyed by the field, as the API names it.
    /// </summary>
    private static ProblemDetails FromJson(JsonException json)
    {
        if (UnknownProperty().Match(json.Message) is { Success: true } unknown)
        {
            var name = FieldOf(json.Path) ?? unknown.Groups["name"].Value;
            return Validation(new Dictionary<string, string[]> { [name] = ["Unknown property: check its spelling against the API reference."] });
        }
        var field = FieldOf(json.Path);
        if (field is null || IsSyntaxError(json)) return Problem(400, "Bad request", "The body is not valid JSON of the expected shape.");
        return Validation(new Dictionary<string, string[]> { [field] = [WrongValueMessage(json.Message)] });
    }

    // Says what was expected without naming .NET types.
    private static string WrongValueMessage(string message)
    {
        if (message.StartsWith("Must be ", StringComparison.Ordinal)) return message;
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase)) return "This field may not be null.";
        var target = ConversionTarget().Match(message) is { Success: true } m ? m.Groups["type"].Value : "";
        return target switch
        {
            _ when target.Contains("ProductStatus", StringComparison.Ordinal) => "Must be one of: draft, published, archived.",
            _ when target.Contains("Decimal", StringComparison.Ordinal) || target.Contains("Int", StringComparison.Ordinal) => "Must be a number in range.",
            _ when target.Contains("Boolean", StringComparison.Ordinal) => "Must be true or false.",
            _ when target.Contains("String", StringComparison.Ordinal) => "Must be a string.",
            _ when target.Contains("List", StringComparison.Ordinal) || target.Contains("[]", StringComparison.Ordinal) => "Must be an array.",
            _ => "The value has the wrong type.",
        };
    }

    private static bool IsSyntaxError(JsonException json) =>
        json.InnerException?.GetType().Name == "JsonReaderException" || json.Message.Contains("is an invalid", StringComparison.Ordinal)
        || json.Message.Contains("end of data", StringComparison.Ordinal);

    /// <summary><c>$.price</c> → <c>price</c>; <c>$[3].tags[0].weight</c> → <c>[3].tags[0].weight</c>; <c>$</c> → null.</summary>
    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path[1..];
        return FieldPath.ToCamelCase(field);
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

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+?) (?<name>[^\" ]+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex BindFailure();

    [GeneratedRegex("could not be converted to (?<type>\\S+)")]
    private static partial Regex ConversionTarget();

    [GeneratedRegex("^The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnknownProperty();
}
