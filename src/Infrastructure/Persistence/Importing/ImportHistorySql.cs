namespace Shop.Infrastructure.Persistence.Importing;

/// <summary>
/// The import's history, written set-based from the staging tables like the import itself (one <c>INSERT … SELECT</c>
/// for the updated products, before the writes, while their old values are still there; one for the created ones after
/// them), so a million rows cost two statements, not a million entries built in memory. The JSON is assembled in SQL in
/// the shape <see cref="Application.History.ChangeDiff"/> stores: <c>[{"field":…,"old":…,"new":…}]</c>, API field names;
/// on PostgreSQL the created entries take the few escaped texts from the staging pass (<see cref="CreatedFromStaged"/>).
/// </summary>
internal static class ImportHistorySql
{
    public const string Source = "import-products";

    private const string Insert =
        """INSERT INTO "ChangeHistory" ("EntityType", "EntityId", "Action", "At", "UserId", "UserName", "Source", "ChangesJson")""";

    /// <summary>One "updated" entry per known product the file changes, listing only the fields that differ.</summary>
    public static string Updated(ImportJson json) =>
        $"""
        {Insert}
        SELECT 'product', x.id, 'updated', @now, NULL, NULL, '{Source}', '[' || substr({Pieces(Fields, changedOnly: true)}, 2) || ']'
        FROM (
          SELECT s."ProductId" AS id,
            {json.Text("p.\"Name\"")} AS o_name, {json.Text("s.\"Name\"")} AS n_name,
            {json.Text("p.\"Description\"")} AS o_description, {json.Text("s.\"Description\"")} AS n_description,
            {json.Money("p.\"Price\"")} AS o_price, {json.Money("s.\"Price\"")} AS n_price,
            {Bool("p.\"IsActive\"")} AS o_isActive, {Bool("s.\"IsActive\"")} AS n_isActive,
            {json.Text("p.\"Status\"")} AS o_status, {json.Text("s.\"Status\"")} AS n_status,
            {Int("p.\"CategoryId\"")} AS o_categoryId, {Int("s.\"CategoryId\"")} AS n_categoryId,
            {json.ProductTags("p.\"Id\"")} AS o_tags, {json.ImportTags("s.\"Line\"")} AS n_tags,
            COALESCE(d."SpecsJson", 'null') AS o_specs, s."Specs" AS n_specs
          FROM import_rows AS s JOIN "Products" AS p ON p."Id" = s."ProductId" LEFT JOIN "ProductDetails" AS d ON d."ProductId" = p."Id"
          WHERE s."Changed") AS x
        """;

    /// <summary>One "created" entry per new product, with every field (old null), once the products have their ids (SQLite's way).</summary>
    public static string Created(ImportJson json) =>
        $"""
        {Insert}
        SELECT 'product', x.id, 'created', @now, NULL, NULL, '{Source}', '[' || substr({Pieces([.. Fields, "slug", "images"], changedOnly: false)}, 2) || ']'
        FROM (
          SELECT p."Id" AS id, {json.Text("s.\"Name\"")} AS n_name, {json.Text("s.\"Slug\"")} AS n_slug,
            {json.Text("s.\"Description\"")} AS n_description, {json.Money("s.\"Price\"")} AS n_price,
            {Bool("s.\"IsActive\"")} AS n_isActive, {json.Text("s.\"Status\"")} AS n_status, {Int("s.\"CategoryId\"")} AS n_categoryId,
            {json.ImportTags("s.\"Line\"")} AS n_tags, s."Specs" AS n_specs, '[]' AS n_images
          FROM import_rows AS s JOIN "Products" AS p ON p."Slug" = s."Slug"
          WHERE s."IsNew") AS x
        """;

    /// <summary>
    /// PostgreSQL's "created" entries: the same text as <see cref="Created"/>, without a <c>to_json</c> call or a tags
    /// subquery per row. A name or description is quoted as it is unless the process staged its escaped form
    /// (<see cref="PostgresJsonString"/>); a slug (lowercase letters, digits, dashes) and a stored status never have
    /// anything to escape. The tags of all rows are grouped once and joined, with the same <c>json_agg</c> (so the same
    /// order, by the database's collation, and the same spacing).
    /// </summary>
    public static readonly string CreatedFromStaged =
        $$"""
        {{Insert}}
        SELECT 'product', p."Id", 'created', @now, NULL, NULL, '{{Source}}', concat(
          '[{"field":"name","old":null,"new":', COALESCE(s."NameJson", concat('"', s."Name", '"')),
          '},{"field":"description","old":null,"new":', COALESCE(s."DescriptionJson", concat('"', s."Description", '"')),
          '},{"field":"price","old":null,"new":', {{ImportJson.Postgres.Money("s.\"Price\"")}},
          '},{"field":"isActive","old":null,"new":', {{Bool("s.\"IsActive\"")}},
          '},{"field":"status","old":null,"new":"', s."Status",
          '"},{"field":"categoryId","old":null,"new":', {{Int("s.\"CategoryId\"")}},
          '},{"field":"tags","old":null,"new":', COALESCE(t.tags, '[]'),
          '},{"field":"specs","old":null,"new":', s."Specs",
          '},{"field":"slug","old":null,"new":"', s."Slug",
          '"},{"field":"images","old":null,"new":[]}]')
        FROM import_rows AS s JOIN "Products" AS p ON p."Slug" = s."Slug"
        LEFT JOIN (
          SELECT it."Line", json_agg(json_build_object('slug', it."Slug", 'weight', it."Weight") ORDER BY it."Slug")::text AS tags
          FROM import_tags AS it GROUP BY it."Line") AS t ON t."Line" = s."Line"
        WHERE s."IsNew"
        """;

    private static readonly string[] Fields = ["name", "description", "price", "isActive", "status", "categoryId", "tags", "specs"];

    /// <summary>
    /// <c>,{"field":"f","old":…,"new":…}</c> per field, concatenated (the leading comma is cut by the caller); with
    /// <paramref name="changedOnly"/>, a field whose old and new JSON text are equal adds nothing.
    /// </summary>
    private static string Pieces(IEnumerable<string> fields, bool changedOnly) => string.Join(" || ", fields.Select(f =>
    {
        var old = changedOnly ? $"x.o_{f}" : "'null'";
        var piece = "',{\"field\":\"" + f + "\",\"old\":' || " + old + " || ',\"new\":' || x.n_" + f + " || '}'";
        return changedOnly ? $"CASE WHEN x.o_{f} <> x.n_{f} THEN {piece} ELSE '' END" : piece;
    }));

    private static string Bool(string column) => $"CASE WHEN {column} THEN 'true' ELSE 'false' END";

    private static string Int(string column) => $"COALESCE(CAST({column} AS TEXT), 'null')";
}

/// <summary>How one provider writes JSON text from columns (both answer text, never SQL NULL).</summary>
internal abstract class ImportJson
{
    /// <summary>A JSON string of a non-null text column.</summary>
    public abstract string Text(string column);

    /// <summary>A JSON number of a Price column as that provider stores it.</summary>
    public abstract string Money(string column);

    /// <summary>The product's current tags: <c>[{"slug","weight"}]</c> by slug.</summary>
    public abstract string ProductTags(string productId);

    /// <summary>A staged row's tags, in the same form.</summary>
    public abstract string ImportTags(string line);

    public static ImportJson Sqlite { get; } = new SqliteJson();

    public static ImportJson Postgres { get; } = new PostgresJson();

    private sealed class SqliteJson : ImportJson
    {
        public override string Text(string column) => $"json_quote({column})";

        // Integer cents (DatabaseDialect): 1250 → 12.50.
        public override string Money(string column) => $"printf('%.2f', {column} / 100.0)";

        public override string ProductTags(string productId) =>
            $"""
            (SELECT json_group_array(json_object('slug', t."Slug", 'weight', t."Weight")) FROM (SELECT g."Slug", pt."Weight"
              FROM "ProductTags" AS pt JOIN "Tags" AS g ON g."Id" = pt."TagId" WHERE pt."ProductId" = {productId} ORDER BY g."Slug") AS t)
            """;

        public override string ImportTags(string line) =>
            $"""
            (SELECT json_group_array(json_object('slug', t."Slug", 'weight', t."Weight")) FROM (SELECT it."Slug", it."Weight"
              FROM import_tags AS it WHERE it."Line" = {line} ORDER BY it."Slug") AS t)
            """;
    }

    private sealed class PostgresJson : ImportJson
    {
        public override string Text(string column) => $"to_json({column})::text";

        // At the column's scale, so a staged 12.5 and a stored 12.50 read as the same value.
        public override string Money(string column) => $"(({column})::numeric(10, 2))::text";

        public override string ProductTags(string productId) =>
            $"""
            (SELECT COALESCE(json_agg(json_build_object('slug', g."Slug", 'weight', pt."Weight") ORDER BY g."Slug")::text, '[]')
              FROM "ProductTags" AS pt JOIN "Tags" AS g ON g."Id" = pt."TagId" WHERE pt."ProductId" = {productId})
            """;

        public override string ImportTags(string line) =>
            $"""
            (SELECT COALESCE(json_agg(json_build_object('slug', it."Slug", 'weight', it."Weight") ORDER BY it."Slug")::text, '[]')
              FROM import_tags AS it WHERE it."Line" = {line})
            """;
    }
}
