using System.Globalization;
using System.Text;

namespace Shop.Domain.Common;

/// <summary>
/// The one definition of how catalog search compares text, shared by every writer of the search columns and by the
/// query side: accents folded (<c>Café</c> → <c>cafe</c>, <c>Straße</c> → <c>strasse</c>), lowercased, every other
/// character kept as it is. A product matches a search when each of its words is a substring of the normalised
/// name or description.
/// </summary>
public static class SearchText
{
    /// <summary>At most this many distinct words of a search are used; more add nothing but cost.</summary>
    public const int MaxWords = 10;

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return TextFolding.FoldAccents(text).ToLowerInvariant();
    }

    /// <summary>The distinct normalised words of a search, in the order given (empty for a blank search).</summary>
    public static IReadOnlyList<string> Words(string? search) =>
        string.IsNullOrWhiteSpace(search)
            ? []
            : Normalize(search).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Take(MaxWords).ToList();
}

/// <summary>Accent folding shared by slugs and search.</summary>
internal static class TextFolding
{
    /// <summary>Compatibility-decomposes the text, drops the combining marks and folds the letters Unicode does not decompose.</summary>
    public static string FoldAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(Fold(c));
        }
        return sb.ToString();
    }

    // Letters that Unicode does not decompose into ASCII but readers expect folded.
    private static string Fold(char c) => c switch
    {
        'ß' => "ss",
        'æ' or 'Æ' => "ae",
        'œ' or 'Œ' => "oe",
        'þ' or 'Þ' => "th",
        'ø' or 'Ø' => "o",
        'đ' or 'Đ' => "d",
        'ł' or 'Ł' => "l",
        'ı' => "i",
        _ => c.ToString(),
    };
}
