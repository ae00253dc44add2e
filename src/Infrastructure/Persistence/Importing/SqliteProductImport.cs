using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Shop.Infrastructure.Persistence.Importing;

/// <summary>
/// SQLite stages rows with prepared inserts in the import's transaction, as <c>seed --count</c> writes products (an
/// insert is an in-process call, not a round trip). Its temporary tables outlive a transaction on a pooled
/// connection, so they are dropped before the commit, and any left by an earlier import first.
/// </summary>
internal sealed class SqliteProductImport(SqliteConnection connection, IDbContextTransaction transaction) : ProductImport(connection, transaction)
{
    protected override IReadOnlyList<string> CreateStagingSql =>
    [
        .. DropStagingSql,
        """
        CREATE TEMP TABLE import_rows (
          "Line" INTEGER NOT NULL, "Name" TEXT NOT NULL, "NameKey" TEXT NOT NULL, "Slug" TEXT NOT NULL,
          "Description" TEXT NOT NULL, "Price" INTEGER NOT NULL, "IsActive" INTEGER NOT NULL, "Status" TEXT NOT NULL,
          "Category" TEXT NULL, "Specs" TEXT NOT NULL, "SearchName" TEXT NOT NULL, "SearchDescription" TEXT NOT NULL,
          "CategoryId" INTEGER NULL, "ProductId" INTEGER NULL, "IsNew" INTEGER NOT NULL DEFAULT 1, "Changed" INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TEMP TABLE import_tags (
          "Line" INTEGER NOT NULL, "Position" INTEGER NOT NULL, "Slug" TEXT NOT NULL, "Weight" INTEGER NOT NULL, "TagId" INTEGER NULL
        )
        """,
    ];

    // SQLite joins by nested loops over indexes: the lookups the statements make by line, slug and name key.
    protected override IReadOnlyList<string> AfterStagingSql =>
    [
        """CREATE INDEX temp.import_rows_line ON import_rows ("Line")""",
        """CREATE INDEX temp.import_rows_slug ON import_rows ("Slug")""",
        """CREATE INDEX temp.import_rows_name_key ON import_rows ("NameKey")""",
        """CREATE INDEX temp.import_tags_line ON import_tags ("Line")""",
    ];

    protected override IReadOnlyList<string> DropStagingSql =>
    [
        "DROP TABLE IF EXISTS temp.import_tags",
        "DROP TABLE IF EXISTS temp.import_rows",
    ];

    // As EF Core's SQLite provider writes a DateTime (the columns are text, always UTC).
    protected override ImportJson Json => ImportJson.Sqlite;

    protected override string CreatedHistorySql { get; } = ImportHistorySql.Created(ImportJson.Sqlite);

    protected override object StoredTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    protected override async Task<int> WriteRowsAsync(IAsyncEnumerable<StagedRow> rows, CancellationToken cancellationToken)
    {
        await using var insertRow = Command(
            "INSERT INTO import_rows (\"Line\", \"Name\", \"NameKey\", \"Slug\", \"Description\", \"Price\", \"IsActive\", \"Status\", \"Category\", " +
            "\"Specs\", \"SearchName\", \"SearchDescription\") VALUES ($line, $name, $key, $slug, $description, $price, $active, $status, $category, " +
            "$specs, $searchName, $searchDescription)");
        SqliteParameter P(System.Data.Common.DbCommand command, string name) => ((SqliteCommand)command).Parameters.Add(new SqliteParameter(name, null));
        var (line, name, key, slug, description, price) = (P(insertRow, "$line"), P(insertRow, "$name"), P(insertRow, "$key"), P(insertRow, "$slug"),
            P(insertRow, "$description"), P(insertRow, "$price"));
        var (active, status, category, specs, searchName, searchDescription) = (P(insertRow, "$active"), P(insertRow, "$status"), P(insertRow, "$category"),
            P(insertRow, "$specs"), P(insertRow, "$searchName"), P(insertRow, "$searchDescription"));
        await using var insertTag = Command("INSERT INTO import_tags (\"Line\", \"Position\", \"Slug\", \"Weight\") VALUES ($line, $position, $slug, $weight)");
        var (tagLine, tagPosition, tagSlug, tagWeight) = (P(insertTag, "$line"), P(insertTag, "$position"), P(insertTag, "$slug"), P(insertTag, "$weight"));
        await insertRow.PrepareAsync(cancellationToken);
        await insertTag.PrepareAsync(cancellationToken);

        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Value = row.Line;
            name.Value = row.Name;
            key.Value = row.NameKey;
            slug.Value = row.Slug;
            description.Value = row.Description;
            price.Value = (long)(row.Price * 100m); // integer cents, as the Price column (DatabaseDialect)
            active.Value = row.IsActive;
            status.Value = row.Status;
            category.Value = (object?)row.Category ?? DBNull.Value;
            specs.Value = row.Specs;
            searchName.Value = row.SearchName;
            searchDescription.Value = row.SearchDescription;
            await insertRow.ExecuteNonQueryAsync(cancellationToken);
            for (var i = 0; i < row.TagSlugs.Length; i++)
            {
                (tagLine.Value, tagPosition.Value, tagSlug.Value, tagWeight.Value) = (row.Line, i + 1, row.TagSlugs[i], row.TagWeights[i]);
                await insertTag.ExecuteNonQueryAsync(cancellationToken);
            }
            count++;
        }
        return count;
    }
}
