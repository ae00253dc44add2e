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

/// <summary>Bulk create and export over the real repositories: the batched queries, one transaction, streaming (import: <see cref="ProductImportTests"/>).</summary>
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
}
