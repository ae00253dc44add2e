using System.Text;
using System.Text.Json;

namespace Shop.Domain.Products;

/// <summary>Rarely-read columns split from the product row (the seed's ProductDetail): the specs JSON object.</summary>
public sealed class ProductDetail
{
    public const int MaxSpecsBytes = 64 * 1024;

    private ProductDetail() { }

    internal ProductDetail(string specsJson) => SpecsJson = specsJson;

    public int ProductId { get; private set; }
    public string SpecsJson { get; internal set; } = "{}";

    /// <summary>
    /// The specs rule: one JSON object of at most 64 KiB (UTF-8). Null when <paramref name="specsJson"/> keeps it,
    /// else the message that says why not; the entity enforces it and the validators report it with the other fields.
    /// </summary>
    public static string? SpecsProblem(string specsJson)
    {
        if (Encoding.UTF8.GetByteCount(specsJson) > MaxSpecsBytes) return "The specs must be at most 64 KiB.";
        try
        {
            using var document = JsonDocument.Parse(specsJson);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : "The specs must be a JSON object.";
        }
        catch (JsonException)
        {
            return "The specs must be a JSON object.";
        }
    }
}
