using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>
/// The price range 0–100000 is a CHECK constraint too: SQL that bypasses the domain (a script, another tool) cannot
/// store a price outside it. SQLite stores integer cents, PostgreSQL numeric(10,2).
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class PriceCheckConstraintTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private const string ConstraintName = "CK_Products_Price";

    [TestCase("-0.01")]
    [TestCase("100000.01")]
    [TestCase("-100000")]
    public async Task A_raw_update_to_a_price_outside_the_range_is_refused(string price)
    {
        var id = await SaveProductAsync("Guarded", 10m);

        var error = Assert.ThrowsAsync(Is.InstanceOf<DbException>(), () => WithDb(db =>
            db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Products\" SET \"Price\" = {Stored(price)} WHERE \"Id\" = {id}")));

        Assert.That(error!.Message, Does.Contain(ConstraintName));
        Assert.That((await LoadAsync(id))!.Price, Is.EqualTo(10m));
    }

    [TestCase("0")]
    [TestCase("100000")]
    public async Task A_raw_update_to_a_bound_of_the_range_is_accepted(string price)
    {
        var id = await SaveProductAsync("Edge", 10m);

        await WithDb(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Products\" SET \"Price\" = {Stored(price)} WHERE \"Id\" = {id}"));

        Assert.That((await LoadAsync(id))!.Price, Is.EqualTo(Dec(price)));
    }

    [Test]
    public async Task A_raw_insert_with_a_price_outside_the_range_is_refused()
    {
        var now = Clock.UtcNow;
        var error = Assert.ThrowsAsync(Is.InstanceOf<DbException>(), () => WithDb(db => db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Products" ("Name", "NameKey", "Slug", "Description", "Price", "IsActive", "Status", "CreatedAt", "UpdatedAt", "Version")
            VALUES ('Raw', 'RAW', 'raw', '', {Stored("100000.01")}, {true}, 'draft', {now}, {now}, 1)
            """)));

        Assert.That(error!.Message, Does.Contain(ConstraintName));
        Assert.That(await WithDb(db => db.Products.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Adding_the_constraint_to_a_database_with_products_keeps_them_and_their_parts()
    {
        // Back to the migration before the constraint (on SQLite both directions rebuild the Products table).
        var migrations = await WithDb(db => Task.FromResult(db.Database.GetMigrations().ToList()));
        var before = migrations[migrations.IndexOf(migrations.Single(m => m.EndsWith("_PriceRangeCheck", StringComparison.Ordinal))) - 1];
        await WithDb(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync(before);
            return 0;
        });
        // Written as the schema of then had it (today's model has columns that did not exist yet).
        var now = DateTime.UtcNow;
        // The tag too: a save through the model would also write history, whose table did not exist yet.
        var tagId = await WithDb(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "Tags" ("Name", "Slug") VALUES ('mechanical', 'mechanical')""");
            return await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Tags" WHERE "Slug" = 'mechanical'""").SingleAsync();
        });
        var id = await WithDb(async db =>
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Products" ("Name", "NameKey", "Slug", "Description", "Price", "IsActive", "Status", "CreatedAt", "UpdatedAt", "Version")
                VALUES ('Kept Café', 'KEPT CAFÉ', 'kept-cafe', 'Crème brûlée', {Stored("99999.99")}, {true}, 'published', {now}, {now}, 1)
                """);
            var productId = await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Products" WHERE "Slug" = 'kept-cafe'""").SingleAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "ProductDetails" ("ProductId", "SpecsJson") VALUES ({productId}, {"{}"})""");
            await db.Database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "ProductTags" ("ProductId", "TagId", "Weight") VALUES ({productId}, {tagId}, 3)""");
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "ProductImages" ("ProductId", "Path", "Alt", "Position") VALUES ({productId}, 'products/kept.webp', 'front', 0)""");
            return productId;
        });

        await WithDb(async db =>
        {
            await db.Database.MigrateAsync();
            return 0;
        });

        var product = await LoadAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(product!.Price, Is.EqualTo(99999.99m));
            Assert.That(product.Tags.Select(t => (t.TagId, t.Weight)), Is.EqualTo(new[] { (tagId, 3) }));
            Assert.That(product.Images.Select(i => i.Path), Is.EqualTo(new[] { "products/kept.webp" }));
            Assert.That(product.Detail, Is.Not.Null);
            // The AddSearchText migration's seeding step fills the search columns of rows that predate them.
            Assert.That(product.SearchName, Is.EqualTo("kept cafe"));
            Assert.That(product.SearchDescription, Is.EqualTo("creme brulee"));
        }
        Assert.ThrowsAsync(Is.InstanceOf<DbException>(), () => WithDb(db =>
            db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Products\" SET \"Price\" = {Stored("-1")} WHERE \"Id\" = {id}")));
    }

    /// <summary>The value as the Price column holds it: cents on SQLite, the decimal itself on PostgreSQL.</summary>
    public object Stored(string price) => Provider == DatabaseProvider.Sqlite ? (object)(long)(Dec(price) * 100m) : Dec(price);

    private static decimal Dec(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
