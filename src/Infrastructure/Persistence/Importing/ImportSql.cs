using Shop.Domain.Products;

namespace Shop.Infrastructure.Persistence.Importing;

/// <summary>
/// The import's set-based statements, in SQL that PostgreSQL and SQLite (3.33+: <c>UPDATE … FROM</c>) both run.
/// <c>import_rows</c> holds the checked rows (<see cref="StagedRow"/>) plus what the statements work out: the known
/// product (<c>ProductId</c>, <c>IsNew</c>), the category id and whether a known product changes at all (<c>Changed</c>:
/// as with the entity, a row that changes nothing leaves the product's <c>UpdatedAt</c> and <c>Version</c> alone).
/// </summary>
internal static class ImportSql
{
    /// <summary>Ties the rows to what they name: the product of the same slug, the category, the tags.</summary>
    public static readonly IReadOnlyList<string> Resolve =
    [
        """UPDATE import_rows AS s SET "ProductId" = p."Id", "IsNew" = FALSE FROM "Products" AS p WHERE p."Slug" = s."Slug" """,
        """UPDATE import_rows AS s SET "CategoryId" = c."Id" FROM "Categories" AS c WHERE c."Slug" = s."Category" """,
        """UPDATE import_tags AS t SET "TagId" = g."Id" FROM "Tags" AS g WHERE g."Slug" = t."Slug" """,
    ];

    public const string UnknownCategories =
        """SELECT "Line", "Category" FROM import_rows WHERE "Category" IS NOT NULL AND "CategoryId" IS NULL ORDER BY "Line" """;

    public const string UnknownTags =
        """SELECT "Line", "Slug" FROM import_tags WHERE "TagId" IS NULL ORDER BY "Line", "Position" """;

    /// <summary>Every row after the first with its slug, with the first one's line.</summary>
    public const string RepeatedSlugs =
        """
        SELECT s."Line", s."Slug", f."First" FROM import_rows AS s
        JOIN (SELECT "Slug", MIN("Line") AS "First" FROM import_rows GROUP BY "Slug" HAVING COUNT(*) > 1) AS f ON f."Slug" = s."Slug"
        WHERE s."Line" > f."First" ORDER BY s."Line"
        """;

    /// <summary>Every active row after the first with its name key, with the first one's line.</summary>
    public const string RepeatedNames =
        """
        SELECT s."Line", s."Name", f."First" FROM import_rows AS s
        JOIN (SELECT "NameKey", MIN("Line") AS "First" FROM import_rows WHERE "IsActive" GROUP BY "NameKey" HAVING COUNT(*) > 1) AS f
          ON f."NameKey" = s."NameKey"
        WHERE s."IsActive" AND s."Line" > f."First" ORDER BY s."Line"
        """;

    /// <summary>
    /// The first active row with a name that an active product holds, unless the file has a row for that product (which
    /// then gives the name up, or keeps it and makes a repeated name). Later rows with the name are repeats already.
    /// </summary>
    public const string NamesTaken =
        """
        SELECT s."Line", s."Name", p."Slug" FROM import_rows AS s
        JOIN "Products" AS p ON p."NameKey" = s."NameKey" AND p."IsActive"
        WHERE s."IsActive"
          AND NOT EXISTS (SELECT 1 FROM import_rows AS o WHERE o."Slug" = p."Slug")
          AND NOT EXISTS (SELECT 1 FROM import_rows AS e WHERE e."NameKey" = s."NameKey" AND e."IsActive" AND e."Line" < s."Line")
        ORDER BY s."Line"
        """;

    /// <summary>New rows whose slug a renamed product keeps as its redirect, with that product's current slug (see FormerSlugRule).</summary>
    public const string SlugsKeptAsRedirects =
        """
        SELECT s."Line", s."Slug", p."Slug" FROM import_rows AS s
        JOIN "ProductFormerSlugs" AS f ON f."Slug" = s."Slug" JOIN "Products" AS p ON p."Id" = f."ProductId"
        WHERE s."IsNew" ORDER BY s."Line"
        """;

    /// <summary>
    /// Known products that the row would move along a path the workflow forbids (<see cref="ProductStatusMoves"/>), their
    /// stored status read as the entity reads it (any case; a value naming no status is a draft, which may move anywhere).
    /// </summary>
    public static readonly string RefusedStatusMoves =
        $"""
        SELECT s."Line", p."Status", s."Status" FROM import_rows AS s JOIN "Products" AS p ON p."Id" = s."ProductId"
        WHERE {string.Join(" OR ",
            from f in Enum.GetValues<ProductStatus>()
            from t in Enum.GetValues<ProductStatus>()
            where !ProductStatusMoves.IsAllowed(f, t)
            select $"(lower(trim(p.\"Status\")) = '{ProductConfiguration.StoredText(f)}' AND s.\"Status\" = '{ProductConfiguration.StoredText(t)}')")}
        ORDER BY s."Line"
        """;

    public const string Counts = """SELECT COUNT(*), SUM(CASE WHEN "IsNew" THEN 1 ELSE 0 END) FROM import_rows""";

    private const string Columns =
        "\"Name\", \"NameKey\", \"Slug\", \"Description\", \"SearchName\", \"SearchDescription\", \"Price\", \"IsActive\", \"Status\", " +
        "\"PublishedAt\", \"CreatedAt\", \"UpdatedAt\", \"Version\", \"CategoryId\"";

    /// <summary>Which known products change at all: their row, their specs, or their set of tags and weights. The first write.</summary>
    public const string MarkChanged =
        """
        UPDATE import_rows AS s SET "Changed" = TRUE FROM "Products" AS p
        WHERE p."Id" = s."ProductId" AND (
          p."Name" <> s."Name" OR p."Description" <> s."Description" OR p."Price" <> s."Price" OR p."IsActive" <> s."IsActive"
          OR p."Status" <> s."Status" OR COALESCE(p."CategoryId", 0) <> COALESCE(s."CategoryId", 0)
          OR NOT EXISTS (SELECT 1 FROM "ProductDetails" AS d WHERE d."ProductId" = p."Id" AND d."SpecsJson" = s."Specs")
          OR EXISTS (SELECT 1 FROM import_tags AS t WHERE t."Line" = s."Line" AND NOT EXISTS (
               SELECT 1 FROM "ProductTags" AS pt WHERE pt."ProductId" = p."Id" AND pt."TagId" = t."TagId" AND pt."Weight" = t."Weight"))
          OR EXISTS (SELECT 1 FROM "ProductTags" AS pt WHERE pt."ProductId" = p."Id" AND NOT EXISTS (
               SELECT 1 FROM import_tags AS t WHERE t."Line" = s."Line" AND t."TagId" = pt."TagId")))
        """;

    /// <summary>The writes after <see cref="MarkChanged"/>, in order; <c>@now</c> is the import's time. Only run once the checks found nothing.</summary>
    public static readonly IReadOnlyList<string> Apply =
    [
        // The unique index on active names is checked row by row, so products passing names among themselves (or to
        // new ones) first let go of the names they lose; the next statement gives every product its final state.
        """
        UPDATE "Products" AS p SET "IsActive" = FALSE FROM import_rows AS s
        WHERE s."ProductId" = p."Id" AND p."IsActive" AND (NOT s."IsActive" OR s."NameKey" <> p."NameKey")
        """,
        """
        UPDATE "Products" AS p SET "Name" = s."Name", "NameKey" = s."NameKey", "Description" = s."Description",
          "SearchName" = s."SearchName", "SearchDescription" = s."SearchDescription", "Price" = s."Price", "IsActive" = s."IsActive",
          "Status" = s."Status", "PublishedAt" = CASE WHEN s."Status" = 'published' AND p."PublishedAt" IS NULL THEN @now ELSE p."PublishedAt" END,
          "CategoryId" = s."CategoryId", "UpdatedAt" = @now, "Version" = p."Version" + 1
        FROM import_rows AS s WHERE s."ProductId" = p."Id" AND s."Changed"
        """,
        """
        UPDATE "ProductDetails" AS d SET "SpecsJson" = s."Specs" FROM import_rows AS s
        WHERE d."ProductId" = s."ProductId" AND s."Changed" AND d."SpecsJson" <> s."Specs"
        """,
        // A known product stored without its detail row gets one, as the entity's SetSpecs gives it.
        """
        INSERT INTO "ProductDetails" ("ProductId", "SpecsJson") SELECT s."ProductId", s."Specs" FROM import_rows AS s
        WHERE s."Changed" AND NOT EXISTS (SELECT 1 FROM "ProductDetails" AS d WHERE d."ProductId" = s."ProductId")
        """,
        """DELETE FROM "ProductTags" WHERE "ProductId" IN (SELECT "ProductId" FROM import_rows WHERE "Changed")""",
        // New products in file order, so their ids (and the export's order) follow the file.
        $"""
        INSERT INTO "Products" ({Columns})
        SELECT s."Name", s."NameKey", s."Slug", s."Description", s."SearchName", s."SearchDescription", s."Price", s."IsActive", s."Status",
          CASE WHEN s."Status" = 'published' THEN @now END, @now, @now, 1, s."CategoryId"
        FROM import_rows AS s WHERE s."IsNew" ORDER BY s."Line"
        """,
        """
        INSERT INTO "ProductDetails" ("ProductId", "SpecsJson")
        SELECT p."Id", s."Specs" FROM import_rows AS s JOIN "Products" AS p ON p."Slug" = s."Slug" WHERE s."IsNew"
        """,
        """
        INSERT INTO "ProductTags" ("ProductId", "TagId", "Weight")
        SELECT p."Id", t."TagId", t."Weight" FROM import_tags AS t
        JOIN import_rows AS s ON s."Line" = t."Line" JOIN "Products" AS p ON p."Slug" = s."Slug"
        WHERE s."IsNew" OR s."Changed"
        """,
    ];
}
