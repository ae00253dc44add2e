using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Shop.Infrastructure.Persistence.Importing;

/// <summary>
/// PostgreSQL stages rows with one binary COPY, as <c>seed --count</c> writes products: rows go out as they are read,
/// so neither side holds the file. A COPY owns the connection, so a row's tags travel with it as two arrays and are
/// split into <c>import_tags</c> afterwards. A name or description with characters to escape also travels as its JSON
/// string (<see cref="PostgresJsonString"/>), for the "created" history entries.
/// </summary>
internal sealed class PostgresProductImport(NpgsqlConnection connection, IDbContextTransaction transaction) : ProductImport(connection, transaction)
{
    protected override IReadOnlyList<string> CreateStagingSql =>
    [
        // Big sorts and hash joins over the staged rows stay in memory (the server's, for this transaction only).
        "SET LOCAL work_mem = '64MB'",
        """
        CREATE TEMP TABLE import_rows (
          "Line" integer NOT NULL, "Name" text NOT NULL, "NameKey" text COLLATE "C" NOT NULL, "Slug" text NOT NULL,
          "Description" text NOT NULL, "Price" numeric NOT NULL, "IsActive" boolean NOT NULL, "Status" text NOT NULL,
          "Category" text NULL, "TagSlugs" text[] NOT NULL, "TagWeights" integer[] NOT NULL, "Specs" text NOT NULL,
          "SearchName" text NOT NULL, "SearchDescription" text NOT NULL, "NameJson" text NULL, "DescriptionJson" text NULL,
          "CategoryId" integer NULL, "ProductId" integer NULL, "IsNew" boolean NOT NULL DEFAULT TRUE, "Changed" boolean NOT NULL DEFAULT FALSE
        ) ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE import_tags (
          "Line" integer NOT NULL, "Position" bigint NOT NULL, "Slug" text NOT NULL, "Weight" integer NOT NULL, "TagId" integer NULL
        ) ON COMMIT DROP
        """,
    ];

    protected override IReadOnlyList<string> AfterStagingSql =>
    [
        """
        INSERT INTO import_tags ("Line", "Position", "Slug", "Weight")
        SELECT s."Line", t.position, t.slug, t.weight
        FROM import_rows AS s, unnest(s."TagSlugs", s."TagWeights") WITH ORDINALITY AS t(slug, weight, position)
        WHERE cardinality(s."TagSlugs") > 0
        """,
        """CREATE INDEX import_tags_line ON import_tags ("Line")""",
        // Temporary tables are never analysed by autovacuum: without statistics the planner guesses a few rows and
        // picks nested loops over a million.
        "ANALYZE import_rows",
        "ANALYZE import_tags",
    ];

    protected override IReadOnlyList<string> DropStagingSql => [];

    protected override ImportJson Json => ImportJson.Postgres;

    protected override string CreatedHistorySql => ImportHistorySql.CreatedFromStaged;

    protected override object StoredTime(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    protected override async Task<int> WriteRowsAsync(IAsyncEnumerable<StagedRow> rows, CancellationToken cancellationToken)
    {
        var count = 0;
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY import_rows (\"Line\", \"Name\", \"NameKey\", \"Slug\", \"Description\", \"Price\", \"IsActive\", \"Status\", \"Category\", " +
            "\"TagSlugs\", \"TagWeights\", \"Specs\", \"SearchName\", \"SearchDescription\", \"NameJson\", \"DescriptionJson\") FROM STDIN (FORMAT BINARY)", cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(row.Line, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(row.Name, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(row.NameKey, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(row.Slug, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(row.Description, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(row.Price, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync(row.IsActive, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync(row.Status, NpgsqlDbType.Text, cancellationToken);
            await WriteTextOrNullAsync(writer, row.Category, cancellationToken);
            await writer.WriteAsync(row.TagSlugs, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(row.TagWeights, NpgsqlDbType.Array | NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(row.Specs, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(row.SearchName, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(row.SearchDescription, NpgsqlDbType.Text, cancellationToken);
            // For the created history (whether a row is new is known only once all are staged; a known product's goes unused).
            await WriteTextOrNullAsync(writer, PostgresJsonString.IfEscaped(row.Name), cancellationToken);
            await WriteTextOrNullAsync(writer, PostgresJsonString.IfEscaped(row.Description), cancellationToken);
            count++;
        }
        await writer.CompleteAsync(cancellationToken);
        return count;
    }

    private static async Task WriteTextOrNullAsync(NpgsqlBinaryImporter writer, string? text, CancellationToken cancellationToken)
    {
        if (text is null) await writer.WriteNullAsync(cancellationToken);
        else await writer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
    }
}
