using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Domain.Products;

namespace Shop.Application.History;

/// <summary>
/// The diff of two snapshots of a row (API field name → JSON value), and the one JSON form a history entry stores it in.
/// A snapshot is null before a create and after a delete.
/// </summary>
public static class ChangeDiff
{
    /// <summary>
    /// The fields whose value differs, in the snapshots' field order: every field of a created row (old null), every
    /// field of a deleted one (new null), and the changed fields of an updated one (none when nothing changed).
    /// </summary>
    public static IReadOnlyList<FieldChange> Between(IReadOnlyList<KeyValuePair<string, JsonNode?>>? before, IReadOnlyList<KeyValuePair<string, JsonNode?>>? after)
    {
        if (before is null && after is null) return [];
        if (before is null) return after!.Select(f => new FieldChange(f.Key, null, f.Value?.DeepClone())).ToList();
        if (after is null) return before.Select(f => new FieldChange(f.Key, f.Value?.DeepClone(), null)).ToList();
        var old = before.ToDictionary(f => f.Key, f => f.Value);
        var changes = new List<FieldChange>();
        foreach (var (field, value) in after)
        {
            old.TryGetValue(field, out var was);
            if (!JsonNode.DeepEquals(was, value)) changes.Add(new FieldChange(field, was?.DeepClone(), value?.DeepClone()));
        }
        return changes;
    }

    public static string ToJson(IEnumerable<FieldChange> changes) =>
        new JsonArray(changes.Select(c => (JsonNode)new JsonObject { ["field"] = c.Field, ["old"] = c.Old?.DeepClone(), ["new"] = c.New?.DeepClone() }).ToArray())
            .ToJsonString();

    /// <summary>The stored JSON read back; numbers are written as the API writes money (<c>12.5</c>, not <c>12.50</c>).</summary>
    public static IReadOnlyList<FieldChange> Parse(string json)
    {
        // Text that is not JSON, or an object with a key twice (specs may have one), is only ever in a row written by
        // another tool or raw specs: the entry still shows who and when, never a failed read.
        if (TryParse(json) is not JsonArray array) return [];
        return array.OfType<JsonObject>()
            .Select(o => new FieldChange((string?)o["field"] ?? "", Tidy(o["old"]), Tidy(o["new"])))
            .ToList();
    }

    /// <summary>A CLR value as a history value: strings, money without trailing zeros, UTC ISO-8601 times, lowercase statuses.</summary>
    public static JsonNode? Value(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        decimal d => JsonValue.Create(d / 1.0000000000000000000000000000m),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        DateTime t => JsonValue.Create(DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)),
        ProductStatus status => JsonValue.Create(status.ToString().ToLowerInvariant()),
        JsonNode node => node,
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>
    /// A stored JSON text (specs) as a value; text that JsonNode cannot hold (not JSON, or an object with a key twice,
    /// which the specs rule lets through) is kept as a string.
    /// </summary>
    public static JsonNode? JsonText(string? json) => json is null ? null : TryParse(json) ?? JsonValue.Create(json);

    /// <summary>The parsed node, fully read (JsonNode reads objects lazily and would throw on a repeated key later); null when it cannot be.</summary>
    private static JsonNode? TryParse(string json)
    {
        try
        {
            var node = JsonNode.Parse(json);
            ReadAll(node);
            return node;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void ReadAll(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o) ReadAll(value);
                break;
            case JsonArray a:
                foreach (var item in a) ReadAll(item);
                break;
        }
    }

    private static JsonNode? Tidy(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var d):
                return Value(d);
            case JsonArray a:
                return new JsonArray(a.Select(Tidy).ToArray());
            case JsonObject o:
                return new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Tidy(p.Value))));
            default:
                return node?.DeepClone();
        }
    }
}
