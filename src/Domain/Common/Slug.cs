using System.Globalization;
using System.Text;

namespace Shop.Domain.Common;

/// <summary>URL slugs: lowercase ASCII letters, digits and single dashes.</summary>
public static class Slug
{
    public const int MaxLength = 140;

    /// <summary>
    /// Makes a slug from free text: accents folded (<c>Café Crème</c> → <c>cafe-creme</c>), every run of
    /// other characters becomes one dash, trimmed of dashes, cut to <see cref="MaxLength"/>.
    /// May return an empty string when nothing sluggable is left (e.g. only punctuation or CJK).
    /// </summary>
    public static string From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var folded = TextFolding.FoldAccents(text);
        var sb = new StringBuilder(folded.Length);
        var pendingDash = false;
        foreach (var c in folded)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' || c is >= 'A' and <= 'Z')
            {
                if (pendingDash && sb.Length > 0) sb.Append('-');
                pendingDash = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingDash = true;
            }
        }
        return Truncate(sb.ToString());
    }

    /// <summary>True for a slug a client may give: 1–140 lowercase ASCII letters, digits and dashes.</summary>
    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug)
        && slug.Length <= MaxLength
        && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');

    /// <summary>The n-th candidate for a taken slug: <c>base-2</c>, <c>base-3</c>, … never longer than the limit.</summary>
    public static string WithSuffix(string baseSlug, int n)
    {
        if (n < 2) return baseSlug;
        var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
        var head = baseSlug.Length + suffix.Length > MaxLength
            ? baseSlug[..(MaxLength - suffix.Length)].TrimEnd('-')
            : baseSlug;
        return head + suffix;
    }

    private static string Truncate(string slug) =>
        slug.Length <= MaxLength ? slug : slug[..MaxLength].TrimEnd('-');
}
