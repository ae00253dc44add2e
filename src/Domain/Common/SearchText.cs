using System.Globalization;
using System.Text;

namespace Shop.Domain.Common;

/// <summary>
/// The one definition of how search compares text, so every database finds the same rows: compatibility-decomposed,
/// accents and other combining marks dropped, lower-cased, every kind of white space a plain space
/// ("Café  Noir" → "cafe noir", "ＭＸ" → "mx").
/// </summary>
public static class SearchText
{
    /// <summary>At most this many words of a query count; more would only make a slower query of the same result.</summary>
    public const int MaxWords = 8;

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    continue;
                default:
                    result.Append(char.IsWhiteSpace(c) || char.IsControl(c) ? ' ' : char.ToLowerInvariant(c));
                    break;
            }
        }
        return result.ToString();
    }

    /// <summary>The distinct words of a query, normalised; a product matches when its text contains every one.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Take(MaxWords).ToList();

    /// <summary>
    /// What a product is searched by: its name and its description, normalised, on two lines (a word, which never
    /// holds a line break, cannot match across the two).
    /// </summary>
    public static string Of(string name, string description) => Normalize(name) + "\n" + Normalize(description);
}
