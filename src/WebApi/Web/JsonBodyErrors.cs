using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Shop.Application.Common.Models;

namespace Shop.WebApi.Web;

/// <summary>
/// What a <see cref="JsonException"/> from reading a request body means to the client, from structured information only:
/// the exception's <see cref="JsonException.Path"/> (joined across nested reads, see <see cref="JsonValueException"/>),
/// the body type's JSON contract (which names each property as the API spells it and says what it holds), and the
/// message of the API's own converters. The framework's message texts are never parsed.
/// </summary>
internal static class JsonBodyErrors
{
    /// <summary>One field of the body and what is wrong with it (<c>price</c>, <c>[1].price</c>, <c>tags[0].weight</c>).</summary>
    internal sealed record FieldError(string Field, string Message);

    /// <summary>
    /// The field at fault, or null when the body as a whole is not JSON of the expected shape (a syntax error anywhere,
    /// an empty body, a value of the wrong kind at the root).
    /// </summary>
    public static FieldError? Describe(JsonException exception, Type? bodyType, JsonSerializerOptions options)
    {
        var (failure, path) = JsonValueException.Unwrap(exception);
        // The reader's own exception inside: the text is not JSON (truncated, a bad literal, too deep).
        if (failure.InnerException is JsonException) return null;
        var segments = Parse(path);
        if (segments is not { Count: > 0 }) return null;

        var (field, leaf, unknown) = Resolve(segments, bodyType, options);
        if (unknown) return new FieldError(field, "Unknown property: check its spelling against the API reference.");
        var message = failure is JsonValueException ? failure.Message : Expectation(leaf, options);
        return new FieldError(field, message);
    }

    /// <summary>
    /// Reads each item of a JSON array on its own, so that a value of the wrong type in one item does not hide what is
    /// wrong with the others: the items read (null where one could not be), and by index the field that could not.
    /// </summary>
    public static (T?[] Items, Dictionary<int, FieldError> Unreadable) ReadEach<T>(IReadOnlyList<JsonElement> elements, JsonSerializerOptions options)
        where T : class
    {
        var items = new T?[elements.Count];
        var unreadable = new Dictionary<int, FieldError>();
        for (var i = 0; i < elements.Count; i++)
        {
            try
            {
                items[i] = elements[i].Deserialize<T>(options);
            }
            catch (JsonException exception) when (Describe(exception, typeof(T), options) is { } error)
            {
                unreadable[i] = error;
            }
            catch (JsonException)
            {
                // Not an object at all: the item stays null, which the validator reports as such.
            }
        }
        return (items, unreadable);
    }

    private readonly record struct Segment(string? Name, int Index);

    /// <summary><c>$.tags[0].weight</c> → tags, [0], weight; <c>$['na me']</c> → na me; <c>$</c> → none.</summary>
    private static List<Segment>? Parse(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$') return null;
        var segments = new List<Segment>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                segments.Add(new Segment(path[(i + 1)..end], -1));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) return null;
                segments.Add(new Segment(path[(i + 2)..end], -1));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture, out var index)) return null;
                segments.Add(new Segment(null, index));
                i = end + 1;
            }
            else
            {
                return null;
            }
        }
        return segments;
    }

    /// <summary>
    /// Follows the path through the body type's contract: each property as the API names it, each array item by index.
    /// A property the contract does not have is an unknown property (the client's spelling is kept).
    /// </summary>
    private static (string Field, Type? Leaf, bool Unknown) Resolve(List<Segment> segments, Type? bodyType, JsonSerializerOptions options)
    {
        var field = new StringBuilder();
        var type = bodyType;
        var unknown = false;
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var segment in segments)
        {
            var info = type is null ? null : Contract(Unwrap(type), options);
            if (segment.Name is null)
            {
                field.Append('[').Append(segment.Index).Append(']');
                type = info?.Kind == JsonTypeInfoKind.Enumerable ? info.ElementType : null;
                continue;
            }
            var property = info?.Kind == JsonTypeInfoKind.Object
                ? info.Properties.FirstOrDefault(p => string.Equals(p.Name, segment.Name, comparison))
                : null;
            if (field.Length > 0) field.Append('.');
            field.Append(property?.Name ?? segment.Name);
            unknown = info?.Kind == JsonTypeInfoKind.Object && property is null;
            type = property?.PropertyType;
        }
        return (field.ToString(), type is null ? null : Unwrap(type), unknown);
    }

    private static JsonTypeInfo? Contract(Type type, JsonSerializerOptions options)
    {
        try
        {
            return options.GetTypeInfo(type);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>A merge-patch field or a nullable value is, on the wire, the value it holds.</summary>
    private static Type Unwrap(Type type)
    {
        while (true)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>)) type = type.GetGenericArguments()[0];
            else if (Nullable.GetUnderlyingType(type) is { } inner) type = inner;
            else return type;
        }
    }

    /// <summary>What the field holds, in the API's words (never a .NET type name).</summary>
    private static string Expectation(Type? type, JsonSerializerOptions options)
    {
        if (type is null) return "The value has the wrong type.";
        if (type == typeof(string)) return "Must be a string.";
        if (type == typeof(bool)) return "Must be true or false.";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return "Must be a number.";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return "Must be a whole number in range.";
        if (type.IsEnum)
            return $"Must be one of: {string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)))}.";
        return Contract(type, options)?.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "Must be an array.",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "Must be an object.",
            _ => "The value has the wrong type.",
        };
    }
}
