using System.Globalization;
using System.Text;

namespace Shop.Infrastructure.Persistence.Importing;

/// <summary>
/// The start of a created product's history JSON on PostgreSQL, made in the process as each row streams into staging:
/// every field up to <c>"categoryId"</c>'s value, which only the database knows (<see cref="ImportHistorySql.CreatedFromStagedHead"/>
/// appends it and the rest). Building these pieces in SQL (<c>to_json</c> per text, a cast per price) was most of the
/// history's cost on a million rows, while the parsing process has the text at hand. The text is byte for byte what
/// PostgreSQL's <c>to_json(text)::text</c> and <c>numeric(10, 2)::text</c> write, so the stored entries do not depend
/// on where they were made.
/// </summary>
internal static class CreatedHistoryHead
{
    public static string Of(StagedRow row)
    {
        var json = new StringBuilder(192 + row.Name.Length + row.Description.Length);
        json.Append("""[{"field":"name","old":null,"new":""");
        Quote(json, row.Name);
        json.Append("""},{"field":"description","old":null,"new":""");
        Quote(json, row.Description);
        // The price has at most two decimals (the row rule), so the column's scale only pads: 12.5 → 12.50.
        json.Append("""},{"field":"price","old":null,"new":""").Append(row.Price.ToString("0.00", CultureInfo.InvariantCulture));
        json.Append("""},{"field":"isActive","old":null,"new":""").Append(row.IsActive ? "true" : "false");
        json.Append("""},{"field":"status","old":null,"new":""");
        Quote(json, row.Status);
        json.Append("""},{"field":"categoryId","old":null,"new":""");
        return json.ToString();
    }

    /// <summary>As PostgreSQL's <c>escape_json</c>: the two-letter escapes, other control characters as lowercase <c>\u00xx</c>, the rest as is.</summary>
    private static void Quote(StringBuilder json, string text)
    {
        json.Append('"');
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
        json.Append('"');
    }
}
