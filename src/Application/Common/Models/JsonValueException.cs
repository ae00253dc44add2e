using System.Text.Json;

namespace Shop.Application.Common.Models;

/// <summary>
/// A JSON value the API's own converters refuse. The serializer fills in <see cref="JsonException.Path"/> (where the
/// value is in the body); the message is written for the API's client. When the value was read by a nested serializer
/// call (whose paths start again at <c>$</c>), the failure of that read is the inner exception, and its path continues
/// this one: <c>$.tags</c> + <c>$[0].weight</c> is <c>$.tags[0].weight</c>.
/// </summary>
public sealed class JsonValueException : JsonException
{
    public JsonValueException(string message) : base(message) { }

    public JsonValueException(JsonException nested) : base(nested.Message, nested) { }

    /// <summary>The failure this one stands for, and its full path: nested reads unwrapped.</summary>
    public static (JsonException Failure, string? Path) Unwrap(JsonException exception)
    {
        var path = exception.Path;
        var failure = exception;
        while (failure is JsonValueException { InnerException: JsonException { Path: { } innerPath } inner })
        {
            path = (path ?? "$") + innerPath[1..];
            failure = inner;
        }
        return (failure, path);
    }
}
