using System.Text.Json;
using AutoMapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.Products.Queries;
using Shop.Domain.Products;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>Bulk create, export and import over the real repositories: the batched queries, one transaction, streaming.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class BatchWriteTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private static readonly IMapper Mapper =
        new MapperConfiguration(cfg => cfg.AddMaps(typeof(ProductDto).Assembly), NullLoggerFactory.Instance).CreateMapper();

    private sealed class Staff : ICurrentUser
    {
        public string? UserName => "staff";
        public bool IsStaff => true;
    }

    private Task<ProductBatchDto> BulkAsync(params CreateProduct[] items) => InScope(sp =>
        new BulkCreateProductsHandler(sp.GetRequiredService<IProductRepository>(), sp.GetRequiredService<ICategoryRepository>(),
                sp.GetRequiredService<ITagRepository>(), sp.GetRequiredService<IUnitOfWork>(), Mapper, Clock)
            .Handle(new BulkCreateProducts(items), CancellationToken.None));

    private Task<ImportOutcome> ImportAsync(params ProductImportRow[] rows) => ImportAsync(new ImportProducts(rows));

    private Task<ImportOutcome> ImportAsync(ImportProducts command, Func<IProductRepository, IProductRepository>? products = null) => InScope(sp =>
        new ImportProductsHandler((products ?? (r => r))(sp.GetRequiredService<IProductRepository>()), sp.GetRequiredService<ICategoryRepository>(),
                sp.GetRequiredService<ITagRepository>(), sp.GetRequiredService<IUnitOfWork>(), Clock)
            .Handle(command, CancellationToken.None));

    private Task<List<ProductExportRow>> ExportAsync() => InScope(async sp =>
    {
        var rows = await new ExportProductsHandler(sp.GetRequiredService<ICatalogReadStore>(), new Staff()).Handle(new ExportProducts(), CancellationToken.None);
        var list = new List<ProductExportRow>();
        await foreach (var row in rows) list.Add(row);
        return list;
    });

    private Task<int> CountAsync() => WithDb(db => db.Products.CountAsync());

    private static CreateProduct Item(string name, string? slug = null, bool isActive = true) =>
        new() { Name = name, Price = 10m, IsActive = isActive, Slug = slug is null ? default : new Optional<string>(slug) };

    [Test]
    public async Task Bulk_create_writes_every_item_with_its_references_in_input_order()
    {
        var categoryId = await SaveCategoryAsync("Keyboards");
        await SaveTagAsync("mechanical");
        await SaveTagAsync("rgb");

        var batch = await BulkAsync(
            Item("Zeta") with { CategoryId = categoryId, Tags = [new TagInput { Slug = "rgb", Weight = 5 }, new TagInput { Slug = "mechanical" }] },
            Item("Alpha") with { Specs = JsonDocument.Parse("""{"a":1}""").RootElement.Clone(), Status = ProductStatus.Published });

        var zeta = await LoadAsync(batch.Items[0].Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(batch.Items.Select(p => p.Name), Is.EqualTo(new[] { "Zeta", "Alpha" }));
            Assert.That(zeta!.Category!.Slug, Is.EqualTo("keyboards"));
            Assert.That(zeta.Tags.Select(t => (t.Tag.Slug, t.Weight)), Is.EquivalentTo(new[] { ("rgb", 5), ("mechanical", 1) }));
            Assert.That((await LoadAsync(batch.Items[1].Id))!.Detail.SpecsJson, Is.EqualTo("""{"a":1}"""));
            Assert.That(batch.Items[1].PublishedAt, Is.Not.Null);
        }
    }

    [Test]
    public async Task Bulk_auto_slugs_are_unique_against_the_database_and_within_the_batch()
    {
        await SaveProductAsync("MX Board", slug: "mx-board");
        await SaveProductAsync("Other", slug: "mx-board-2");

        var batch = await BulkAsync(Item("mx board", isActive: false), Item("MX BOARD!", isActive: false), Item("Pad"), Item("Pad", slug: "pad-x", isActive: false), Item("pad", isActive: false));

        Assert.That(batch.Items.Select(p => p.Slug), Is.EqualTo(new[] { "mx-board-3", "mx-board-4", "pad", "pad-x", "pad-2" }));
    }

    [Test]
    public async Task Bulk_auto_slug_steps_over_a_slug_given_later_in_the_batch()
    {
        var batch = await BulkAsync(Item("Desk Mat"), Item("Other", slug: "desk-mat"));

        Assert.That(batch.Items.Select(p => p.Slug), Is.EqualTo(new[] { "desk-mat-2", "desk-mat" }));
    }

    [Test]
    public async Task Bulk_with_a_name_held_by_an_active_product_is_409_on_that_item_and_writes_nothing()
    {
        await SaveProductAsync("MX Board", slug: "first");

        var ex = Assert.ThrowsAsync<ConflictException>(() => BulkAsync(Item("Fresh"), Item("mx BOARD")));

        Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "[1].name" }));
        Assert.That(await CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Bulk_may_reuse_a_name_held_only_by_an_inactive_product()
    {
        await SaveProductAsync("MX Board", slug: "first", isActive: false);

        var batch = await BulkAsync(Item("MX Board"));

        Assert.That(batch.Items.Single().Slug, Is.EqualTo("mx-board"));
    }

    [Test]
    public async Task Bulk_with_a_given_slug_already_taken_is_409_on_that_item()
    {
        await SaveProductAsync("MX Board", slug: "taken");

        var ex = Assert.ThrowsAsync<ConflictException>(() => BulkAsync(Item("A", slug: "free"), Item("B", slug: "taken"), Item("C", slug: "free")));

        Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { "[1].slug", "[2].slug" }));
        Assert.That(await CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Bulk_with_unknown_references_is_400_per_item()
    {
        await SaveTagAsync("rgb");

        var ex = Assert.ThrowsAsync<ValidationException>(() => BulkAsync(
            Item("A") with { CategoryId = 999 }, Item("B") with { Tags = [new TagInput { Slug = "rgb" }, new TagInput { Slug = "nope" }] }));

        Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { "[0].categoryId", "[1].tags" }));
    }

    [Test]
    public async Task Bulk_of_1000_items_is_one_transaction_and_on_PostgreSQL_a_few_round_trips()
    {
        await SaveTagAsync("rgb");
        var categoryId = await SaveCategoryAsync("Keyboards");
        var items = Enumerable.Range(1, 1000)
            .Select(i => Item($"Load {i}") with { CategoryId = categoryId, Tags = [new TagInput { Slug = "rgb", Weight = i % 7 + 1 }] })
            .ToArray();

        var (batch, commands) = await InScope(async sp =>
        {
            using var counter = new CommandCounter(sp.GetRequiredService<ShopDbContext>());
            var written = await new BulkCreateProductsHandler(sp.GetRequiredService<IProductRepository>(), sp.GetRequiredService<ICategoryRepository>(),
                    sp.GetRequiredService<ITagRepository>(), sp.GetRequiredService<IUnitOfWork>(), Mapper, Clock)
                .Handle(new BulkCreateProducts(items), CancellationToken.None);
            return (written, (counter.Count, counter.Transactions));
        });

        // 3000 rows (product, detail, tag link per item), in one transaction. The reads are one query each for the
        // whole batch; PostgreSQL gets the inserts in Npgsql's batches, while EF's SQLite provider sends a statement a
        // row, which is an in-process call, not a round trip. Speed itself is measured by bench/bulk-create.sh.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(batch.Items, Has.Count.EqualTo(1000));
            Assert.That(await CountAsync(), Is.EqualTo(1000));
            Assert.That(commands.Transactions, Is.EqualTo(1), "transactions");
            if (Provider == DatabaseProvider.Postgres) Assert.That(commands.Count, Is.LessThan(100), "round trips");
        }
    }

    [Test]
    public async Task Export_streams_every_product_by_id_with_category_tags_and_specs_as_text()
    {
        var categoryId = await SaveCategoryAsync("Keyboards");
        await SaveTagAsync("rgb");
        await SaveTagAsync("mechanical");
        await BulkAsync(
            Item("First") with { CategoryId = categoryId, Tags = [new TagInput { Slug = "rgb", Weight = 2 }, new TagInput { Slug = "mechanical", Weight = 9 }] },
            Item("Second", isActive: false) with { Specs = JsonDocument.Parse("""{"k":"v"}""").RootElement.Clone(), Price = 12.5m });

        var rows = await ExportAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Select(r => r.Name), Is.EqualTo(new[] { "First", "Second" }));
            Assert.That(rows[0].Category, Is.EqualTo("keyboards"));
            Assert.That(rows[0].Tags, Is.EqualTo("mechanical:9|rgb:2"));
            Assert.That(rows[1].Category, Is.Null);
            Assert.That(rows[1].Tags, Is.Empty);
            Assert.That(rows[1].Specs, Is.EqualTo("""{"k":"v"}"""));
            Assert.That(rows[1].Price, Is.EqualTo(12.5m));
            Assert.That(rows[1].IsActive, Is.False);
        }
    }

    private static ProductImportRow Row(int line, string name, string slug, decimal price = 5m) =>
        new() { Line = line, Name = name, Slug = slug, Price = price };

    [Test]
    public async Task Import_creates_new_slugs_and_updates_existing_ones_in_one_go()
    {
        var existingId = await SaveProductAsync("Old name", slug: "kept");
        await SaveTagAsync("rgb");

        var outcome = await ImportAsync(Row(2, "New name", "kept", 7m), Row(3, "Brand new", "brand-new") with { Tags = [new TagInput { Slug = "rgb", Weight = 3 }] });

        var kept = await LoadAsync(existingId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(new ImportOutcome(1, 1)));
            Assert.That((kept!.Name, kept.Price), Is.EqualTo(("New name", 7m)));
            Assert.That(await CountAsync(), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Import_with_any_bad_row_reports_every_one_by_line_and_writes_nothing()
    {
        await SaveProductAsync("Taken", slug: "holder");

        var ex = Assert.ThrowsAsync<ValidationException>(() => ImportAsync(
            Row(2, "Fine", "fine"),
            Row(3, "X", "x") with { Category = "nope" },
            Row(4, "taken", "other"),
            Row(5, "Y", "fine")));

        Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "line 3", "line 4", "line 5" }));
        Assert.That(await CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Import_lets_products_of_the_file_swap_names_they_hold()
    {
        await SaveProductAsync("Alpha", slug: "a");

        var outcome = await ImportAsync(Row(2, "Alpha", "b"), Row(3, "Gamma", "a"));

        Assert.That(outcome, Is.EqualTo(new ImportOutcome(1, 1)));
    }

    [Test]
    public async Task Import_bigger_than_a_chunk_links_categories_and_tags_in_every_chunk()
    {
        var categoryId = await SaveCategoryAsync("Keyboards");
        var tagId = await SaveTagAsync("rgb");
        var existingId = await SaveProductAsync("Old name", slug: "p3");
        var rows = Enumerable.Range(1, 5)
            .Select(i => Row(i + 1, "Product " + i, "p" + i) with { Category = "keyboards", Tags = [new TagInput { Slug = "rgb", Weight = i }] })
            .ToList();

        var outcome = await ImportAsync(new ImportProducts(rows) { ChunkSize = 2 });

        var written = await WithDb(db => db.Products.AsNoTracking().OrderBy(p => p.Slug)
            .Select(p => new { p.Slug, p.Name, p.CategoryId, Tags = p.Tags.Select(t => new { t.TagId, t.Weight }).ToList() }).ToListAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(new ImportOutcome(4, 1)));
            Assert.That(written.Select(p => p.Slug), Is.EqualTo(new[] { "p1", "p2", "p3", "p4", "p5" }));
            Assert.That(written.Select(p => p.CategoryId), Is.All.EqualTo(categoryId));
            Assert.That(written.Select(p => p.Tags.Single().TagId), Is.All.EqualTo(tagId));
            Assert.That(written.Select(p => p.Tags.Single().Weight), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
            Assert.That((await LoadAsync(existingId))!.Name, Is.EqualTo("Product 3"));
            Assert.That(await WithDb(db => db.Categories.CountAsync()) + await WithDb(db => db.Tags.CountAsync()), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Import_whose_last_chunk_fails_at_the_database_writes_nothing()
    {
        await SaveProductAsync("Taken", slug: "holder");
        var rows = Enumerable.Range(1, 4).Select(i => Row(i + 1, "Product " + i, "p" + i))
            .Append(Row(6, "taken", "p5")) // clashes with "holder", which the checks are made blind to
            .ToList();
        var applied = 0;

        Assert.ThrowsAsync<ConflictException>(() => ImportAsync(
            new ImportProducts(rows) { ChunkSize = 2, Progress = new Progress(n => applied = n) }, r => new BlindToNameHolders(r)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(applied, Is.EqualTo(5), "every row was applied: the last chunk is the one that failed");
            Assert.That(await WithDb(db => db.Products.Select(p => p.Slug).ToListAsync()), Is.EqualTo(new[] { "holder" }));
        }
    }

    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>The real repository, except that it sees no active name holder: a clash only the unique index can catch.</summary>
    private sealed class BlindToNameHolders(IProductRepository inner) : IProductRepository
    {
        public Task<IReadOnlyDictionary<string, string>> ActiveNameHoldersAsync(IReadOnlyCollection<string> nameKeys, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

        public Task<Product?> GetAsync(int id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);
        public Task<bool> ExistsAsync(int id, CancellationToken cancellationToken) => inner.ExistsAsync(id, cancellationToken);
        public Task<IReadOnlyList<Product>> GetManyAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) => inner.GetManyAsync(ids, cancellationToken);
        public Task LockAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) => inner.LockAsync(ids, cancellationToken);
        public void Add(Product product) => inner.Add(product);
        public void Remove(Product product) => inner.Remove(product);
        public Task<IReadOnlyCollection<string>> SlugsLikeAsync(string baseSlug, CancellationToken cancellationToken) => inner.SlugsLikeAsync(baseSlug, cancellationToken);
        public Task<IReadOnlyCollection<string>> ExistingSlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken) => inner.ExistingSlugsAsync(slugs, cancellationToken);
        public Task<IReadOnlyCollection<string>> SlugsLikeAnyAsync(IReadOnlyCollection<string> baseSlugs, CancellationToken cancellationToken) => inner.SlugsLikeAnyAsync(baseSlugs, cancellationToken);
        public Task<IReadOnlyList<Product>> GetBySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken) => inner.GetBySlugsAsync(slugs, cancellationToken);
        public Task<PriceAdjustmentOutcome> AdjustPriceAsync(int id, decimal amount, DateTime now, CancellationToken cancellationToken) =>
            inner.AdjustPriceAsync(id, amount, now, cancellationToken);
    }
}
