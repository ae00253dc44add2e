using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Data migration (README "Backfills"): one "created" history entry, with the row's current values, for every product,
    /// category and tag that has none. Plain set-based SQL frozen as of this migration (no entity types: they change
    /// later, this must not); idempotent (NOT EXISTS), so a re-run or a half-applied database gains nothing twice.
    /// </summary>
    public partial class BackfillHistory : Migration
    {
        private const string Products = """
            INSERT INTO "ChangeHistory" ("EntityType", "EntityId", "Action", "At", "UserId", "UserName", "Source", "ChangesJson")
            SELECT 'product', p."Id", 'created', p."CreatedAt", NULL, NULL, 'BackfillHistory', json_array(
                json_object('field', 'name', 'old', NULL, 'new', p."Name"),
                json_object('field', 'slug', 'old', NULL, 'new', p."Slug"),
                json_object('field', 'description', 'old', NULL, 'new', p."Description"),
                json_object('field', 'price', 'old', NULL, 'new', p."Price" / 100.0),
                json_object('field', 'isActive', 'old', NULL, 'new', json(CASE WHEN p."IsActive" THEN 'true' ELSE 'false' END)),
                json_object('field', 'status', 'old', NULL, 'new', p."Status"),
                json_object('field', 'publishedAt', 'old', NULL, 'new', strftime('%Y-%m-%dT%H:%M:%fZ', p."PublishedAt")),
                json_object('field', 'categoryId', 'old', NULL, 'new', p."CategoryId"),
                json_object('field', 'tags', 'old', NULL, 'new', json((
                    SELECT json_group_array(json_object('slug', x."Slug", 'weight', x."Weight")) FROM (
                        SELECT t."Slug", pt."Weight" FROM "ProductTags" AS pt JOIN "Tags" AS t ON t."Id" = pt."TagId"
                        WHERE pt."ProductId" = p."Id" ORDER BY t."Slug") AS x))),
                json_object('field', 'specs', 'old', NULL, 'new',
                    CASE WHEN d."SpecsJson" IS NULL THEN NULL WHEN json_valid(d."SpecsJson") THEN json(d."SpecsJson") ELSE d."SpecsJson" END),
                json_object('field', 'images', 'old', NULL, 'new', json((
                    SELECT json_group_array(json_object('id', x."Id", 'url', '/media/' || x."Path", 'alt', x."Alt", 'position', x."Position")) FROM (
                        SELECT i."Id", i."Path", i."Alt", i."Position" FROM "ProductImages" AS i WHERE i."ProductId" = p."Id" ORDER BY i."Id") AS x))))
            FROM "Products" AS p LEFT JOIN "ProductDetails" AS d ON d."ProductId" = p."Id"
            WHERE NOT EXISTS (SELECT 1 FROM "ChangeHistory" AS h WHERE h."EntityType" = 'product' AND h."EntityId" = p."Id")
            """;

        // Categories and tags keep no creation time: their entry is dated when the backfill ran.
        private static string Terms(string kind, string table) => $"""
            INSERT INTO "ChangeHistory" ("EntityType", "EntityId", "Action", "At", "UserId", "UserName", "Source", "ChangesJson")
            SELECT '{kind}', c."Id", 'created', strftime('%Y-%m-%d %H:%M:%f', 'now'), NULL, NULL, 'BackfillHistory', json_array(
                json_object('field', 'name', 'old', NULL, 'new', c."Name"),
                json_object('field', 'slug', 'old', NULL, 'new', c."Slug"))
            FROM "{table}" AS c
            WHERE NOT EXISTS (SELECT 1 FROM "ChangeHistory" AS h WHERE h."EntityType" = '{kind}' AND h."EntityId" = c."Id")
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Products);
            migrationBuilder.Sql(Terms("category", "Categories"));
            migrationBuilder.Sql(Terms("tag", "Tags"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The entries stay: once written they are history like any other, and Up never duplicates them.
        }
    }
}
