using System.Globalization;
using System.Text;

namespace Shop.Infrastructure.Persistence.Importing;

/// <summary>
/// A text as PostgreSQL's <c>to_json(text)::text</c> writes it, made in the process while the row streams into staging:
/// calling <c>to_json</c> (and a tags subquery) per row was most of the created history's cost on a million rows. Only
/// a text that has something to escape gets one; for the others (nearly all) quoting is the whole of it, and SQL does
/// that, so the staging rows, which every statement of the import reads and some rewrite, stay as narrow as they were.
/// </summary>
internal static class PostgresJsonString
{
    /// <summary>The JSON string, when <paramref name="text"/> has a character to escape; null when <c>"text"</c> is it.</summary>
    public static string? IfEscaped(string text) => text.AsSpan().IndexOfAny(MustEscape) < 0 ? null : Quote(text);

    private static readonly System.Buffers.SearchValues<char> MustEscape = System.Buffers.SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    /// <summary>As PostgreSQL's <c>escape_json</c>: the two-letter escapes, other control characters as lowercase <c>\u00xx</c>, the rest as is.</summary>
    private static string Quote(string text)
    {
        var json = new StringBuilder(text.Length + 16).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\b': json.Append(@"\b"); break;
                case '\f': json.Append(@"\f"); break;
                case '\n': json.Append(@"\n"); break;
                case '\r': json.Append(@"\r"); break;
                case '\t': json.Append(@"\t"); break;
                case '"': json.Append("\\\""); break;
                case '\\': json.Append(@"\\"); break;
                case < ' ': json.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }
        return json.Append('"').ToString();
    }
}
