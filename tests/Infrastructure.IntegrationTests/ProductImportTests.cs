using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.History;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Domain.Common;
using Shop.Domain.Products;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>
/// <c>import-products</c> through the real import store: rows staged in the transaction (COPY on PostgreSQL, prepared
/// inserts on SQLite), the file-wide rules checked by SQL, the writes set-based, all or nothing.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class ProductImportTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private static ProductImportRow Row(int line, string name, string slug, decimal price = 5m) =>
        new() { Line = line, Name = name, Slug = slug, Price = price };

    private static async IAsyncEnumerable<ProductImportRow> Stream(IEnumerable<ProductImportRow> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private Task<ImportOutcome> ImportAsync(params ProductImportRow[] rows) => InScope(sp =>
        new ImportProductsHandler(sp.GetRequiredService<IProductImportStore>(), Clock)
            .Handle(new ImportProducts(Stream(rows)), CancellationToken.None));

    [Test]
    public async Task The_import_records_one_history_entry_per_created_or_changed_product_set_based()
    {
        await SaveTagAsync("warm");
        await ImportAsync(Row(2, "Lamp", "lamp", 10m), Row(3, "Desk", "desk", 20m));
        var lampId = (await BySlugAsync("lamp")).Id;

        await ImportAsync(Row(2, "Lamp", "lamp", 12.5m) with { Tags = [new TagInput { Slug = "warm", Weight = 2 }] }, Row(3, "Desk", "desk", 20m));

        var entries = await WithDb(db => db.History.Where(h => h.EntityType == "product" && h.EntityId == lampId).OrderBy(h => h.Id).ToListAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(entries.Select(e => (e.Action, e.Source, e.UserId)),
                Is.EqualTo(new[] { ("created", (string?)"import-products", (string?)null), ("updated", "import-products", null) }));
            var created = ChangeDiff.Parse(entries[0].ChangesJson).ToDictionary(c => c.Field, c => c.New?.ToJsonString());
            Assert.That((created["name"], created["slug"], created["price"], created["isActive"], created["tags"], created["specs"]),
                Is.EqualTo(("\"Lamp\"", "\"lamp\"", "10", "true", "[]", "{}")));
            Assert.That(ChangeDiff.Parse(entries[1].ChangesJson).Select(c => (c.Field, c.Old?.ToJsonString(), c.New?.ToJsonString())),
                Is.EqualTo(new[] { ("price", "10", "12.5"), ("tags", "[]", "[{\"slug\":\"warm\",\"weight\":2}]") }));
        }
        var deskId = (await BySlugAsync("desk")).Id;
        Assert.That(await WithDb(db => db.History.CountAsync(h => h.EntityType == "product" && h.EntityId == deskId)), Is.EqualTo(1),
            "a row that changes nothing records nothing");
    }

    /// <summary>
    /// The stored text itself, not only its meaning: the history JSON of an import is the form every other write stores
    /// (field order, escapes, money at the column's scale, tags by slug), whichever way the import builds it.
    /// </summary>
    [Test]
    public async Task The_import_s_history_json_is_stored_exactly_for_awkward_text_tags_category_and_specs()
    {
        var keyboards = await SaveCategoryAsync("Keyboards");
        await SaveTagAsync("rgb");
        await SaveTagAsync("mechanical");
        await ImportAsync(Row(2, "Say \"hi\" \\ a/b Café ☕ 😀", "odd", 12.5m) with
        {
            Description = "line one\r\nline two\ttab \u0001\u001b\b\f \u007f \u2028 <b>&amp;</b>",
            Status = ProductStatus.Published,
            Category = "keyboards",
            Tags = [new TagInput { Slug = "rgb", Weight = 9 }, new TagInput { Slug = "mechanical", Weight = 2 }],
            Specs = Json("""{"switch":"brown","keys":87,"nested":{"a":[1,"x\u00e9"]}}"""),
        }, Row(3, "Plain desk", "plain-desk", 20m));
        var id = (await BySlugAsync("odd")).Id;
        var plainId = (await BySlugAsync("plain-desk")).Id;
        await ImportAsync(Row(2, "Plain", "odd", 3m) with { IsActive = false, Status = ProductStatus.Published, Specs = Json("""{"keys":60}""") });

        var json = await WithDb(db => db.History.Where(h => h.EntityType == "product" && h.EntityId == id).OrderBy(h => h.Id)
            .Select(h => h.ChangesJson).ToListAsync());
        // Each provider's own JSON functions wrote these first (PostgreSQL's json_build_object spaces its tags); DEL and
        // U+2028 stay raw, as both databases leave them.
        var tags = Provider == DatabaseProvider.Postgres
            ? """[{"slug" : "mechanical", "weight" : 2}, {"slug" : "rgb", "weight" : 9}]"""
            : """[{"slug":"mechanical","weight":2},{"slug":"rgb","weight":9}]""";
        const string name = "\"" + """Say \"hi\" \\ a/b Café ☕ 😀""" + "\"";
        var description = ("\"" + """line one\r\nline two\ttab \u0001\u001b\b\f DEL LS <b>&amp;</b>""" + "\"").Replace("DEL", "\u007f").Replace("LS", "\u2028");
        const string specs = """{"switch":"brown","keys":87,"nested":{"a":[1,"x\u00e9"]}}""";
        Assert.That(json, Is.EqualTo(new[]
        {
            $$"""[{"field":"name","old":null,"new":{{name}}},{"field":"description","old":null,"new":{{description}}},""" +
            $$"""{"field":"price","old":null,"new":12.50},{"field":"isActive","old":null,"new":true},{"field":"status","old":null,"new":"published"},""" +
            $$"""{"field":"categoryId","old":null,"new":{{keyboards}}},{"field":"tags","old":null,"new":{{tags}}},{"field":"specs","old":null,"new":{{specs}}},""" +
            $$"""{"field":"slug","old":null,"new":"odd"},{"field":"images","old":null,"new":[]}]""",
            $$"""[{"field":"name","old":{{name}},"new":"Plain"},{"field":"description","old":{{description}},"new":""},""" +
            $$"""{"field":"price","old":12.50,"new":3.00},{"field":"isActive","old":true,"new":false},{"field":"categoryId","old":{{keyboards}},"new":null},""" +
            $$$"""{"field":"tags","old":{{{tags}}},"new":[]},{"field":"specs","old":{{{specs}}},"new":{"keys":60}}]""",
        }));
        Assert.That(await WithDb(db => db.History.Where(h => h.EntityType == "product" && h.EntityId == plainId).Select(h => h.ChangesJson).SingleAsync()),
            Is.EqualTo("""[{"field":"name","old":null,"new":"Plain desk"},{"field":"description","old":null,"new":""},""" +
                """{"field":"price","old":null,"new":20.00},{"field":"isActive","old":null,"new":true},{"field":"status","old":null,"new":"draft"},""" +
                """{"field":"categoryId","old":null,"new":null},{"field":"tags","old":null,"new":[]},{"field":"specs","old":null,"new":{}},""" +
                """{"field":"slug","old":null,"new":"plain-desk"},{"field":"images","old":null,"new":[]}]"""));
    }

    private Task<int> CountAsync() => WithDb(db => db.Products.CountAsync());

    private Task<Product> BySlugAsync(string slug) => WithDb(db => db.Products.AsNoTracking()
        .Include(p => p.Detail).Include(p => p.Category).Include(p => p.Tags).ThenInclude(t => t.Tag).SingleAsync(p => p.Slug == slug));

    [Test]
    public async Task Creates_new_slugs_and_updates_known_ones_with_the_entity_s_derived_columns()
    {
        var knownId = await SaveProductAsync("Old name", slug: "kept");
        Clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = await ImportAsync(
            Row(2, "  Café Crème  ", "kept", 7.5m) with { Description = "Écrit à la main", Status = ProductStatus.Published },
            Row(3, "Brand new", "brand-new") with { IsActive = false });

        var kept = await BySlugAsync("kept");
        var created = await BySlugAsync("brand-new");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(new ImportOutcome(1, 1)));
            Assert.That(kept.Id, Is.EqualTo(knownId));
            Assert.That((kept.Name, kept.NameKey, kept.Price, kept.Status), Is.EqualTo(("Café Crème", "CAFÉ CRÈME", 7.5m, ProductStatus.Published)));
            Assert.That((kept.SearchName, kept.SearchDescription), Is.EqualTo((SearchText.Normalize("Café Crème"), SearchText.Normalize("Écrit à la main"))));
            Assert.That((kept.PublishedAt, kept.UpdatedAt, kept.Version), Is.EqualTo(((DateTime?)Clock.UtcNow, Clock.UtcNow, 2L)));
            Assert.That((created.IsActive, created.Status, created.PublishedAt, created.Version), Is.EqualTo((false, ProductStatus.Draft, (DateTime?)null, 1L)));
            Assert.That((created.CreatedAt, created.Detail.SpecsJson), Is.EqualTo((Clock.UtcNow, "{}")));
            Assert.That(await CountAsync(), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Links_categories_tags_and_specs_and_replaces_them_on_update()
    {
        var keyboards = await SaveCategoryAsync("Keyboards");
        var rgb = await SaveTagAsync("rgb");
        var mechanical = await SaveTagAsync("mechanical");
        await SaveTagAsync("unused");

        await ImportAsync(Row(2, "Board", "board") with
        {
            Category = "keyboards",
            Tags = [new TagInput { Slug = "rgb", Weight = 3 }, new TagInput { Slug = "mechanical", Weight = 7 }],
            Specs = Json("""{"switch":"brown","keys":87}"""),
        });
        var first = await BySlugAsync("board");
        var outcome = await ImportAsync(Row(2, "Board", "board") with { Tags = [new TagInput { Slug = "rgb", Weight = 9 }], Specs = Json("""{"keys":60}""") });
        var second = await BySlugAsync("board");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.CategoryId, Is.EqualTo(keyboards));
            Assert.That(first.Tags.Select(t => (t.TagId, t.Weight)), Is.EquivalentTo(new[] { (rgb, 3), (mechanical, 7) }));
            Assert.That(first.Detail.SpecsJson, Is.EqualTo("""{"switch":"brown","keys":87}"""));
            Assert.That(outcome, Is.EqualTo(new ImportOutcome(0, 1)));
            Assert.That(second.CategoryId, Is.Null);
            Assert.That(second.Tags.Select(t => (t.TagId, t.Weight)), Is.EqualTo(new[] { (rgb, 9) }));
            Assert.That(second.Detail.SpecsJson, Is.EqualTo("""{"keys":60}"""));
            Assert.That(second.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task A_row_that_changes_nothing_leaves_the_product_s_version_and_time_alone()
    {
        await SaveTagAsync("rgb");
        var row = Row(2, "Same", "same") with { Tags = [new TagInput { Slug = "rgb", Weight = 2 }], Specs = Json("""{"a":1}""") };
        await ImportAsync(row);
        var before = await BySlugAsync("same");
        Clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = await ImportAsync(row);

        var after = await BySlugAsync("same");
        Assert.That(outcome, Is.EqualTo(new ImportOutcome(0, 1)));
        Assert.That((after.Version, after.UpdatedAt), Is.EqualTo((before.Version, before.UpdatedAt)));
    }

    [Test]
    public async Task Any_bad_row_is_reported_by_line_with_every_reason_and_nothing_is_written()
    {
        await SaveProductAsync("Taken", slug: "holder");
        await SaveProductAsync("Hidden", slug: "hidden", isActive: false);
        await SaveTagAsync("rgb");

        var ex = Assert.ThrowsAsync<ValidationException>(() => ImportAsync(
            Row(2, "Fine", "fine") with { Tags = [new TagInput { Slug = "rgb" }] },
            Row(3, "X", "x") with { Category = "nope" },
            Row(4, "taken", "other"),
            Row(5, "Y", "fine"),
            Row(6, "FINE", "z"),
            Row(7, "W", "w") with { Tags = [new TagInput { Slug = "ghost" }, new TagInput { Slug = "rgb" }, new TagInput { Slug = "spirit" }] },
            Row(8, "Bad price", "bad-price", 1.005m),
            Row(9, "Hidden", "reuses-an-inactive-name"),
            Row(10, "Taken", "inactive-twin") with { IsActive = false }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "line 3", "line 4", "line 5", "line 6", "line 7", "line 8" }));
            Assert.That(ex.Errors["line 3"], Is.EqualTo(new[] { "Unknown category 'nope'." }));
            Assert.That(ex.Errors["line 4"], Is.EqualTo(new[] { "An active product named 'taken' already exists (slug 'holder')." }));
            Assert.That(ex.Errors["line 5"], Is.EqualTo(new[] { "The slug 'fine' is already on line 2." }));
            Assert.That(ex.Errors["line 6"], Is.EqualTo(new[] { "The name 'FINE' is already on line 2." }));
            Assert.That(ex.Errors["line 7"], Is.EqualTo(new[] { "Unknown tag slug(s): ghost, spirit." }));
            Assert.That(ex.Errors["line 8"].Single(), Does.Contain("2 decimals"));
            Assert.That(await CountAsync(), Is.EqualTo(2));
            Assert.That(await WithDb(db => db.Set<ProductTag>().CountAsync()), Is.Zero);
        }
    }

    [Test]
    public async Task A_status_move_the_workflow_refuses_is_a_bad_row()
    {
        await ImportAsync(Row(2, "Live", "live") with { Status = ProductStatus.Published });

        var ex = Assert.ThrowsAsync<ValidationException>(() => ImportAsync(Row(4, "Live", "live") with { Status = ProductStatus.Draft }));

        Assert.That(ex!.Errors, Is.EqualTo(new Dictionary<string, string[]> { ["line 4"] = ["A product cannot move from published to draft."] }));
        Assert.That((await BySlugAsync("live")).Status, Is.EqualTo(ProductStatus.Published));
    }

    [Test]
    public async Task A_new_row_with_a_renamed_product_s_old_slug_is_a_bad_row()
    {
        var id = await SaveProductAsync("Renamed", slug: "old-one");
        await InScope(async sp =>
        {
            var product = await sp.GetRequiredService<IProductRepository>().GetAsync(id, CancellationToken.None);
            product!.ChangeSlug("new-one");
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        var ex = Assert.ThrowsAsync<ValidationException>(() => ImportAsync(Row(3, "Taker", "old-one")));

        Assert.That(ex!.Errors["line 3"], Is.EqualTo(new[] { "The slug 'old-one' is kept as a redirect to the renamed product now at 'new-one'; choose another." }));
        Assert.That(await CountAsync(), Is.EqualTo(1));
    }

    [TestCase("Published", true)]
    [TestCase("unknown", false)]
    public async Task A_status_another_tool_stored_is_read_as_the_entity_reads_it(string stored, bool refused)
    {
        var id = await SaveProductAsync("Odd", slug: "odd");
        await WithDb(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Products\" SET \"Status\" = {stored} WHERE \"Id\" = {id}"));

        var import = ImportAsync(Row(2, "Odd", "odd") with { Status = ProductStatus.Draft });

        // "Published" is published, which may not go back to draft; a status naming nothing reads as a draft.
        if (refused) Assert.ThrowsAsync<ValidationException>(() => import);
        else Assert.That(await import, Is.EqualTo(new ImportOutcome(0, 1)));
    }

    [Test]
    public async Task Products_of_the_file_may_pass_their_names_around_and_give_them_to_new_ones()
    {
        await SaveProductAsync("Alpha", slug: "a");
        await SaveProductAsync("Beta", slug: "b");
        await SaveProductAsync("Delta", slug: "d");

        // a and b swap names; d gives "Delta" up to a new product, one line before taking a new name itself.
        var outcome = await ImportAsync(Row(2, "Beta", "a"), Row(3, "alpha", "b"), Row(4, "Delta", "e"), Row(5, "Omega", "d"));

        var names = await WithDb(db => db.Products.OrderBy(p => p.Slug).Select(p => p.Slug + "=" + p.Name).ToListAsync());
        Assert.That(outcome, Is.EqualTo(new ImportOutcome(1, 3)));
        Assert.That(names, Is.EqualTo(new[] { "a=Beta", "b=alpha", "d=Omega", "e=Delta" }));
    }

    [Test]
    public async Task New_products_get_ids_in_file_order()
    {
        await ImportAsync(Enumerable.Range(1, 50).Select(i => Row(i + 1, $"P{i:D2}", $"p{(50 - i):D2}")).ToArray());

        var slugs = await WithDb(db => db.Products.OrderBy(p => p.Id).Select(p => p.Slug).ToListAsync());
        Assert.That(slugs, Is.EqualTo(Enumerable.Range(1, 50).Select(i => $"p{(50 - i):D2}")));
    }

    [Test]
    public async Task A_row_the_database_refuses_when_writing_rolls_everything_back_as_a_conflict()
    {
        await SaveProductAsync("Taken", slug: "holder");

        // Applied without its checks, as if another writer took the name between the checks and the writes.
        var ex = Assert.ThrowsAsync<ConflictException>(() => InScope(async sp =>
        {
            await using var import = await sp.GetRequiredService<IProductImportStore>().BeginAsync(CancellationToken.None);
            await import.StageAsync(Stream([Row(2, "Fresh", "fresh"), Row(3, "taken", "clash")]), CancellationToken.None);
            await import.ApplyAsync(Clock.UtcNow, null, CancellationToken.None);
        }));

        Assert.That(ex!.Field, Is.EqualTo("name"));
        Assert.That(await WithDb(db => db.Products.Select(p => p.Slug).ToListAsync()), Is.EqualTo(new[] { "holder" }));
    }

    [Test]
    public async Task An_import_ended_before_its_writes_leaves_nothing_behind_and_the_next_one_works()
    {
        await InScope(async sp =>
        {
            await using var import = await sp.GetRequiredService<IProductImportStore>().BeginAsync(CancellationToken.None);
            await import.StageAsync(Stream([Row(2, "Dropped", "dropped")]), CancellationToken.None);
            await import.CheckAsync(null, CancellationToken.None);
        });

        var outcome = await ImportAsync(Row(2, "Kept", "kept"));

        Assert.That(outcome, Is.EqualTo(new ImportOutcome(1, 0)));
        Assert.That(await WithDb(db => db.Products.Select(p => p.Slug).ToListAsync()), Is.EqualTo(new[] { "kept" }));
    }

    [Test]
    public async Task Imported_products_are_found_by_search()
    {
        await ImportAsync(Row(2, "Café Crème", "cafe"), Row(3, "Plain", "plain") with { Description = "Smooth crème" });

        var found = await InScope(async sp => (await sp.GetRequiredService<ShopDbContext>().Database
            .SqlQueryRaw<string>(Provider == DatabaseProvider.Sqlite
                ? """SELECT p."Slug" AS "Value" FROM "ProductSearch" s JOIN "Products" p ON p."Id" = s.rowid WHERE "ProductSearch" MATCH '"creme"' ORDER BY 1"""
                : """SELECT "Slug" AS "Value" FROM "Products" WHERE "SearchName" LIKE '%creme%' OR "SearchDescription" LIKE '%creme%' ORDER BY 1""")
            .ToListAsync()));

        Assert.That(found, Is.EqualTo(new[] { "cafe", "plain" }));
    }
}
