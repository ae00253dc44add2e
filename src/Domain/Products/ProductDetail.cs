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
    public static string? SpecsProblem(string specsJson) =>
        Encoding.UTF8.GetByteCount(specsJson) > MaxSpecsBytes ? "The specs must be at most 64 KiB."
        : IsJsonObject(specsJson) ? null
        : "The specs must be a JSON object.";

    /// <summary>
    /// Whether the text is exactly one JSON object: what a write must give, and what a read shows as it is (stored text
    /// that is not, written by another tool, reads as <c>{}</c>). Checked without building a document.
    /// </summary>
    public static bool IsJsonObject(string? json)
    {
        if (string.IsNullOrEmpty(json)) return false;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
