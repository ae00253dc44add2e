using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.History;
using Shop.Domain.History;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class HistoryTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private sealed class Staff : ICurrentUser
    {
        public string? UserId => "u-1";
        public string? UserName => "alice";
        public bool IsStaff => true;
    }

    protected override void AddServices(IServiceCollection services) => services.AddScoped<ICurrentUser, Staff>();

    private Task<List<HistoryEntry>> EntriesAsync(string kind, int id) =>
        WithDb(db => db.History.Where(h => h.EntityType == kind && h.EntityId == id).OrderBy(h => h.Id).ToListAsync());

    private static JsonObject ChangeOf(HistoryEntry entry, string field) =>
        JsonNode.Parse(entry.ChangesJson)!.AsArray().Single(c => (string?)c!["field"] == field)!.AsObject();

    [Test]
    public async Task A_saved_product_gets_a_created_entry_with_its_id_author_and_every_field()
    {
        var id = await SaveProductAsync("Lamp", 12.5m);

        var entry = (await EntriesAsync(HistoryKinds.Product, id)).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((entry.Action, entry.UserId, entry.UserName, entry.Source), Is.EqualTo(("created", "u-1", "alice", (string?)null)));
            Assert.That(entry.At, Is.EqualTo(Clock.UtcNow).Within(TimeSpan.FromMilliseconds(1)));
            Assert.That(ChangeOf(entry, "price")["new"]!.ToJsonString(), Is.EqualTo("12.5"));
            Assert.That(ChangeOf(entry, "specs")["new"]!.ToJsonString(), Is.EqualTo("{}"));
            Assert.That(ChangeOf(entry, "tags")["new"]!.ToJsonString(), Is.EqualTo("[]"));
        }
    }

    [Test]
    public async Task An_update_records_only_the_fields_that_changed_old_and_new()
    {
        var id = await SaveProductAsync("Lamp", 10m);

        await UpdateAsync(id, p => { p.ChangePrice(11m); p.Describe("bright"); });

        var entry = (await EntriesAsync(HistoryKinds.Product, id)).Last();
        Assert.That(entry.Action, Is.EqualTo("updated"));
        Assert.That(ChangeDiff.Parse(entry.ChangesJson).Select(c => (c.Field, c.Old?.ToJsonString(), c.New?.ToJsonString())),
            Is.EqualTo(new[] { ("description", "\"\"", "\"bright\""), ("price", "10", "11") }));
    }

    [Test]
    public async Task A_failed_write_leaves_no_history()
    {
        await SaveProductAsync("Taken", slug: "taken");
        var before = await WithDb(db => db.History.CountAsync());

        Assert.ThrowsAsync<ConflictException>(() => SaveProductAsync("Other", slug: "taken"));

        Assert.That(await WithDb(db => db.History.CountAsync()), Is.EqualTo(before));
    }

    [Test]
    public async Task History_written_in_a_transaction_that_rolls_back_is_gone_with_it()
    {
        var id = await SaveProductAsync("Lamp", 10m);

        Assert.ThrowsAsync<InvalidOperationException>(() => InScope(async sp =>
            await sp.GetRequiredService<IUnitOfWork>().InTransactionAsync<int>(async ct =>
            {
                var product = await sp.GetRequiredService<IProductRepository>().GetAsync(id, ct);
                product!.ChangePrice(20m);
                await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(ct);
                await sp.GetRequiredService<IChangeHistory>().RecordAsync([RecordedChange.PriceChange(id, 20m, 21m)], ct);
                throw new InvalidOperationException("fails after the writes");
            }, CancellationToken.None)));

        Assert.That((await EntriesAsync(HistoryKinds.Product, id)).Select(e => e.Action), Is.EqualTo(new[] { "created" }));
        Assert.That((await LoadAsync(id))!.Price, Is.EqualTo(10m));
    }

    [Test]
    public async Task Twenty_concurrent_adjustments_with_their_history_form_one_chain()
    {
        var id = await SaveProductAsync("Busy", 100m);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() => InScope(sp =>
            sp.GetRequiredService<IUnitOfWork>().InTransactionAsync(async ct =>
            {
                var adjusted = await sp.GetRequiredService<IProductRepository>().AdjustPriceAsync(id, i, Clock.UtcNow, ct);
                await sp.GetRequiredService<IChangeHistory>().RecordAsync(
                    [RecordedChange.PriceChange(id, adjusted.OldPrice, adjusted.NewPrice, HistoryActions.PriceAdjusted)], ct);
                return adjusted;
            }, CancellationToken.None)))));

        var chain = (await EntriesAsync(HistoryKinds.Product, id)).Where(e => e.Action == HistoryActions.PriceAdjusted)
            .Select(e => ChangeOf(e, "price")).Select(c => (Old: c["old"]!.GetValue<decimal>(), New: c["new"]!.GetValue<decimal>()))
            .OrderBy(c => c.Old).ToList();
        Assert.That(chain, Has.Count.EqualTo(20));
        Assert.That(chain[0].Old, Is.EqualTo(100m));
        for (var i = 1; i < chain.Count; i++) Assert.That(chain[i].Old, Is.EqualTo(chain[i - 1].New), "each starts where the one before ended");
        Assert.That(chain[^1].New, Is.EqualTo(100m + 210m));
        Assert.That((await LoadAsync(id))!.Price, Is.EqualTo(310m));
    }

    [Test]
    public async Task A_deleted_products_history_stays_with_a_deleted_entry()
    {
        var id = await SaveProductAsync("Gone", 10m);

        await InScope(async sp =>
        {
            var products = sp.GetRequiredService<IProductRepository>();
            products.Remove((await products.GetAsync(id, CancellationToken.None))!);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        var entries = await EntriesAsync(HistoryKinds.Product, id);
        Assert.That(entries.Select(e => e.Action), Is.EqualTo(new[] { "created", "deleted" }));
        Assert.That(ChangeOf(entries[1], "name")["old"]!.GetValue<string>(), Is.EqualTo("Gone"));
    }

    [Test]
    public async Task Categories_and_tags_record_create_rename_and_delete()
    {
        var categoryId = await SaveCategoryAsync("Lamps");
        var tagId = await SaveTagAsync("warm");
        await InScope(async sp =>
        {
            var tag = await sp.GetRequiredService<ITagRepository>().GetAsync(tagId, CancellationToken.None);
            tag!.Rename("cosy");
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            sp.GetRequiredService<ITagRepository>().Remove(tag);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        Assert.That((await EntriesAsync(HistoryKinds.Category, categoryId)).Select(e => e.Action), Is.EqualTo(new[] { "created" }));
        var tagEntries = await EntriesAsync(HistoryKinds.Tag, tagId);
        Assert.That(tagEntries.Select(e => e.Action), Is.EqualTo(new[] { "created", "updated", "deleted" }));
        Assert.That(ChangeOf(tagEntries[1], "name")["new"]!.GetValue<string>(), Is.EqualTo("cosy"));
    }

    [Test]
    public async Task The_backfill_migration_gives_each_row_without_history_exactly_one_created_entry_and_is_idempotent()
    {
        var migrations = await WithDb(db => Task.FromResult(db.Database.GetMigrations().ToList()));
        var backfill = migrations.Single(m => m.EndsWith("_BackfillHistory", StringComparison.Ordinal));
        var schema = migrations[migrations.IndexOf(backfill) - 1];
        await MigrateAsync(schema);
        // Rows written without history, as before this feature (or by another tool).
        var (productId, categoryId, tagId) = await WithDb(async db =>
        {
            var now = Clock.UtcNow;
            var price = Provider == DatabaseProvider.Sqlite ? (object)1250L : 12.5m;
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "Categories" ("Name", "Slug") VALUES ('Old lamps', 'old-lamps')""");
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "Tags" ("Name", "Slug") VALUES ('vintage', 'vintage')""");
            var category = await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Categories" WHERE "Slug" = 'old-lamps'""").SingleAsync();
            var tag = await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Tags" WHERE "Slug" = 'vintage'""").SingleAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Products" ("Name", "NameKey", "Slug", "Description", "Price", "IsActive", "Status", "CreatedAt", "UpdatedAt", "Version", "CategoryId")
                VALUES ('Old Lamp', 'OLD LAMP', 'old-lamp', 'dusty', {price}, {true}, 'published', {now}, {now}, 1, {category})
                """);
            var product = await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Products" WHERE "Slug" = 'old-lamp'""").SingleAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "ProductDetails" ("ProductId", "SpecsJson") VALUES ({product}, {"{\"watts\": 40}"})""");
            await db.Database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "ProductTags" ("ProductId", "TagId", "Weight") VALUES ({product}, {tag}, 3)""");
            return (product, category, tag);
        });

        await MigrateAsync(backfill);
        await MigrateAsync(schema); // Down keeps the entries ...
        await MigrateAsync(backfill); // ... and running Up again adds none.

        var entries = await EntriesAsync(HistoryKinds.Product, productId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(entries.Select(e => (e.Action, e.Source, e.UserId)), Is.EqualTo(new[] { ("created", (string?)"BackfillHistory", (string?)null) }));
            var changes = ChangeDiff.Parse(entries[0].ChangesJson).ToDictionary(c => c.Field, c => c.New?.ToJsonString());
            Assert.That(changes["name"], Is.EqualTo("\"Old Lamp\""));
            Assert.That(changes["price"], Is.EqualTo("12.5"));
            Assert.That(changes["isActive"], Is.EqualTo("true"));
            Assert.That(changes["categoryId"], Is.EqualTo(categoryId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(changes["tags"], Is.EqualTo("[{\"slug\":\"vintage\",\"weight\":3}]"));
            Assert.That(changes["specs"], Is.EqualTo("{\"watts\":40}"));
            Assert.That(changes["images"], Is.EqualTo("[]"));
            Assert.That((await EntriesAsync(HistoryKinds.Category, categoryId)).Select(e => e.Action), Is.EqualTo(new[] { "created" }));
            Assert.That((await EntriesAsync(HistoryKinds.Tag, tagId)).Select(e => e.Action), Is.EqualTo(new[] { "created" }));
        }
    }

    private Task MigrateAsync(string target) => InScope(sp => sp.GetRequiredService<ShopDbContext>().GetService<IMigrator>().MigrateAsync(target));
}
