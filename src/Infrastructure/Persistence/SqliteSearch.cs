namespace Shop.Infrastructure.Persistence;

/// <summary>
/// SQLite's search index: an FTS5 table with the trigram tokenizer over Products.SearchText (external content, so the
/// text is stored once), kept in step by triggers on Products, whatever writes the row (EF Core, the seeder, SQL by hand).
/// The trigram index serves GLOB patterns with a run of 3 or more plain characters; shorter words are still matched
/// correctly, by scanning the table.
/// </summary>
internal static class SqliteSearch
{
    public const string Table = "ProductSearch";
    public const string InsertTrigger = "Products_Search_Insert";
    public const string UpdateTrigger = "Products_Search_Update";
    public const string DeleteTrigger = "Products_Search_Delete";

    /// <summary>Creates the table, fills it from Products and adds the triggers (the migration's Up).</summary>
    public static readonly string[] Create =
    [
        $"CREATE VIRTUAL TABLE \"{Table}\" USING fts5(\"SearchText\", content='Products', content_rowid='Id', tokenize='trigram case_sensitive 1');",
        $"INSERT INTO \"{Table}\"(\"{Table}\") VALUES ('rebuild');",
        $"CREATE TRIGGER \"{InsertTrigger}\" AFTER INSERT ON \"Products\" BEGIN " +
        $"INSERT INTO \"{Table}\"(rowid, \"SearchText\") VALUES (new.\"Id\", new.\"SearchText\"); END;",
        $"CREATE TRIGGER \"{DeleteTrigger}\" AFTER DELETE ON \"Products\" BEGIN " +
        $"INSERT INTO \"{Table}\"(\"{Table}\", rowid, \"SearchText\") VALUES ('delete', old.\"Id\", old.\"SearchText\"); END;",
        $"CREATE TRIGGER \"{UpdateTrigger}\" AFTER UPDATE OF \"SearchText\" ON \"Products\" BEGIN " +
        $"INSERT INTO \"{Table}\"(\"{Table}\", rowid, \"SearchText\") VALUES ('delete', old.\"Id\", old.\"SearchText\"); " +
        $"INSERT INTO \"{Table}\"(rowid, \"SearchText\") VALUES (new.\"Id\", new.\"SearchText\"); END;",
    ];

    public static readonly string[] Drop =
    [
        $"DROP TRIGGER IF EXISTS \"{InsertTrigger}\";",
        $"DROP TRIGGER IF EXISTS \"{UpdateTrigger}\";",
        $"DROP TRIGGER IF EXISTS \"{DeleteTrigger}\";",
        $"DROP TABLE IF EXISTS \"{Table}\";",
    ];

    /// <summary>A GLOB pattern matching text that contains <paramref name="word"/> literally (GLOB's own characters bracketed).</summary>
    public static string ContainsPattern(string word)
    {
        var pattern = new System.Text.StringBuilder("*", word.Length + 2);
        foreach (var c in word)
        {
            if (c is '*' or '?' or '[') pattern.Append('[').Append(c).Append(']');
            else pattern.Append(c);
        }
        return pattern.Append('*').ToString();
    }
}
