namespace Shop.Infrastructure.Persistence;

/// <summary>
/// SQLite's search index: an FTS5 table with the trigram tokenizer over Products' SearchName and SearchDescription
/// (external content, so the text is stored once), kept in step by triggers on Products whatever writes the row
/// (EF Core, the seeder, the back-fill, SQL by hand). A quoted FTS5 phrase of 3 or more characters matches exactly the
/// rows whose name or description contains it; shorter words cannot use a trigram index and are tested with LIKE.
/// A migration that rebuilds the Products table (SQLite's way to alter some columns) drops the triggers: it must run
/// <see cref="Create"/>'s trigger statements again.
/// </summary>
internal static class SqliteSearch
{
    public const string Table = "ProductSearch";
    public const string InsertTrigger = "Products_Search_Insert";
    public const string UpdateTrigger = "Products_Search_Update";
    public const string DeleteTrigger = "Products_Search_Delete";

    private const string Columns = "\"SearchName\", \"SearchDescription\"";
    private const string New = "new.\"Id\", new.\"SearchName\", new.\"SearchDescription\"";
    private const string Old = "old.\"Id\", old.\"SearchName\", old.\"SearchDescription\"";

    /// <summary>The migration's Up: the table, filled from the rows there are, and its triggers.</summary>
    public static readonly string[] Create =
    [
        $"CREATE VIRTUAL TABLE \"{Table}\" USING fts5({Columns}, content='Products', content_rowid='Id', tokenize='trigram');",
        $"INSERT INTO \"{Table}\"(\"{Table}\") VALUES ('rebuild');",
        $"CREATE TRIGGER \"{InsertTrigger}\" AFTER INSERT ON \"Products\" BEGIN " +
        $"INSERT INTO \"{Table}\"(rowid, {Columns}) VALUES ({New}); END;",
        $"CREATE TRIGGER \"{DeleteTrigger}\" AFTER DELETE ON \"Products\" BEGIN " +
        $"INSERT INTO \"{Table}\"(\"{Table}\", rowid, {Columns}) VALUES ('delete', {Old}); END;",
        $"CREATE TRIGGER \"{UpdateTrigger}\" AFTER UPDATE OF {Columns} ON \"Products\" BEGIN " +
        $"INSERT INTO \"{Table}\"(\"{Table}\", rowid, {Columns}) VALUES ('delete', {Old}); " +
        $"INSERT INTO \"{Table}\"(rowid, {Columns}) VALUES ({New}); END;",
    ];

    public static readonly string[] Drop =
    [
        $"DROP TRIGGER IF EXISTS \"{InsertTrigger}\";",
        $"DROP TRIGGER IF EXISTS \"{UpdateTrigger}\";",
        $"DROP TRIGGER IF EXISTS \"{DeleteTrigger}\";",
        $"DROP TABLE IF EXISTS \"{Table}\";",
    ];

    /// <summary>The ids of the products holding every phrase of the parameter {0}; only constants in the text.</summary>
    public const string MatchSql = "SELECT rowid AS \"Value\" FROM \"" + Table + "\" WHERE \"" + Table + "\" MATCH {0}";

    /// <summary>Whether the trigram index can find <paramref name="word"/> (3 or more characters).</summary>
    public static bool IsIndexable(string word) => word.EnumerateRunes().Count() >= 3;

    /// <summary>An FTS5 query that every word must match, each as a quoted phrase: no character of it is syntax.</summary>
    public static string MatchQuery(IEnumerable<string> words) =>
        string.Join(" AND ", words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
