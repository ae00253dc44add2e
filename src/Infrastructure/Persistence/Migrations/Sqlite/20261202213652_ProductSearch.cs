using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProductSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "Products",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Products",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // The FTS5 trigram table and the triggers that keep it in step (SqliteSearch); rows that exist now get their
            // search text from the backfill that runs after migrating (SearchTextBackfill), through the update trigger.
            foreach (var statement in SqliteSearch.Create) migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in SqliteSearch.Drop) migrationBuilder.Sql(statement);

            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Products");
        }
    }
}
