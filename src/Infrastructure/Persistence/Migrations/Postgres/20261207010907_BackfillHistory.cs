using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Infrastructure.Persistence.Migrations.Postgres
{
    /// <summary>
    /// Data migration (README "Backfills"): one "created" history entry, with the row's current values, for every product,
    /// category and tag that has none. Plain set-based SQL frozen as of this migration (no entity types: they change
    /// later, this must not); idempotent (NOT EXISTS), so a re-run or a half-applied database gains nothing twice.
    /// </summary>
    public partial class BackfillHistory : Migration
    {
        // Specs written by another tool may not be JSON: such a value is recorded as a string instead of failing the migration.
        private const string TryJson = """
            CREATE FUNCTION pg_temp.shop_try_json(value text) RETURNS json LANGUAGE plpgsql AS $$
            BEGIN RETURN value::json; EXCEPTION WHEN others THEN RETURN to_json(value); END $$
            """;

        private const string Products = """
            INSERT INTO "ChangeHistory" ("EntityType", "EntityId", "Action", "At", "UserId", "UserName", "Source", "ChangesJson")
            SELECT 'product', p."Id", 'created', p."CreatedAt", NULL, NULL, 'BackfillHistory', json_build_array(
                json_build_object('field', 'name', 'old', NULL, 'new', p."Name"),
                json_build_object('field', 'slug', 'old', NULL, 'new', p."Slug"),
                json_build_object('field', 'description', 'old', NULL, 'new', p."Description"),
                json_build_object('field', 'price', 'old', NULL, 'new', p."Price"),
                json_build_object('field', 'isActive', 'old', NULL, 'new', p."IsActive"),
                json_build_object('field', 'status', 'old', NULL, 'new', p."Status"),
                json_build_object('field', 'publishedAt', 'old', NULL, 'new',
                    to_char(p."PublishedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
                json_build_object('field', 'categoryId', 'old', NULL, 'new', p."CategoryId"),
                json_build_object('field', 'tags', 'old', NULL, 'new', COALESCE((
                    SELECT json_agg(json_build_object('slug', t."Slug", 'weight', pt."Weight") ORDER BY t."Slug")
                    FROM "ProductTags" AS pt JOIN "Tags" AS t ON t."Id" = pt."TagId" WHERE pt."ProductId" = p."Id"), '[]'::json)),
                json_build_object('field', 'specs', 'old', NULL, 'new', pg_temp.shop_try_json(d."SpecsJson")),
                json_build_object('field', 'images', 'old', NULL, 'new', COALESCE((
                    SELECT json_agg(json_build_object('id', i."Id", 'url', '/media/' || i."Path", 'alt', i."Alt", 'position', i."Position") ORDER BY i."Id")
                    FROM "ProductImages" AS i WHERE i."ProductId" = p."Id"), '[]'::json)))::text
            FROM "Products" AS p LEFT JOIN "ProductDetails" AS d ON d."ProductId" = p."Id"
            WHERE NOT EXISTS (SELECT 1 FROM "ChangeHistory" AS h WHERE h."EntityType" = 'product' AND h."EntityId" = p."Id")
            """;

        // Categories and tags keep no creation time: their entry is dated when the backfill ran.
        private static string Terms(string kind, string table) => $"""
            INSERT INTO "ChangeHistory" ("EntityType", "EntityId", "Action", "At", "UserId", "UserName", "Source", "ChangesJson")
            SELECT '{kind}', c."Id", 'created', now(), NULL, NULL, 'BackfillHistory', json_build_array(
                json_build_object('field', 'name', 'old', NULL, 'new', c."Name"),
                json_build_object('field', 'slug', 'old', NULL, 'new', c."Slug"))::text
            FROM "{table}" AS c
            WHERE NOT EXISTS (SELECT 1 FROM "ChangeHistory" AS h WHERE h."EntityType" = '{kind}' AND h."EntityId" = c."Id")
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TryJson);
            migrationBuilder.Sql(Products);
            migrationBuilder.Sql(Terms("category", "Categories"));
            migrationBuilder.Sql(Terms("tag", "Tags"));
            migrationBuilder.Sql("DROP FUNCTION pg_temp.shop_try_json(text)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The entries stay: once written they are history like any other, and Up never duplicates them.
        }
    }
}
