using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;
using Shop.Domain.Tags;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class ProductRepositoryTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private const string Specs = """{"switch":"brown","keys":87,"backlight":{"rgb":true}}""";

    [Test]
    public async Task Saved_product_loads_back_with_every_field_in_a_new_scope()
    {
        var categoryId = await SaveCategoryAsync("Keyboards");
        await SaveTagAsync("Mechanical");
        await SaveTagAsync("Wireless");
        var createdAt = Clock.UtcNow;

        var id = await InScope(async sp =>
        {
            var category = await sp.GetRequiredService<ICategoryRepository>().GetAsync(categoryId, CancellationToken.None);
            var tags = await sp.GetRequiredService<ITagRepository>().GetBySlugsAsync(["mechanical", "wireless"], CancellationToken.None);
            var product = Product.Create("MX Board", "mx-board", 199.99m, createdAt, ProductStatus.Published);
            product.Describe("Line one\nLine two: üñíçødé");
            product.AssignCategory(category);
            product.SetTags([(tags.Single(t => t.Slug == "mechanical"), 3), (tags.Single(t => t.Slug == "wireless"), 1000)]);
            product.SetSpecs(Specs);
            sp.GetRequiredService<IProductRepository>().Add(product);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return product.Id;
        });

        var loaded = await LoadAsync(id);

        Assert.That(loaded, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(id, Is.Positive);
            Assert.That(loaded!.Name, Is.EqualTo("MX Board"));
            Assert.That(loaded.NameKey, Is.EqualTo("MX BOARD"));
            Assert.That(loaded.Slug, Is.EqualTo("mx-board"));
            Assert.That(loaded.Description, Is.EqualTo("Line one\nLine two: üñíçødé"));
            Assert.That(loaded.Price, Is.EqualTo(199.99m));
            Assert.That(loaded.IsActive, Is.True);
            Assert.That(loaded.Status, Is.EqualTo(ProductStatus.Published));
            Assert.That(loaded.PublishedAt, Is.EqualTo(createdAt));
            Assert.That(loaded.PublishedAt?.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(loaded.CreatedAt, Is.EqualTo(createdAt));
            Assert.That(loaded.CreatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(loaded.UpdatedAt, Is.EqualTo(createdAt));
            Assert.That(loaded.UpdatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(loaded.Version, Is.EqualTo(1));
            Assert.That(loaded.CategoryId, Is.EqualTo(categoryId));
            Assert.That(loaded.Category?.Name, Is.EqualTo("Keyboards"));
            Assert.That(loaded.Category?.Slug, Is.EqualTo("keyboards"));
            Assert.That(loaded.Tags.Select(t => (t.Tag.Slug, t.Tag.Name, t.Weight)).OrderBy(t => t.Slug),
                Is.EqualTo(new[] { ("mechanical", "Mechanical", 3), ("wireless", "Wireless", 1000) }));
            Assert.That(loaded.Detail.SpecsJson, Is.EqualTo(Specs));
            Assert.That(loaded.Images, Is.Empty);
        }
    }

    [TestCase("0")]
    [TestCase("0.01")]
    [TestCase("0.1")]
    [TestCase("199.99")]
    [TestCase("12345.67")]
    [TestCase("99999.99")]
    [TestCase("100000")]
    public async Task Price_round_trips_exactly(string price)
    {
        var value = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);
        var id = await SaveProductAsync("Priced", value);

        var loaded = await LoadAsync(id);

        Assert.That(loaded!.Price, Is.EqualTo(value));
    }

    [Test]
    public async Task Many_ids_load_the_existing_products_whole_in_id_order()
    {
        var tagId = await SaveTagAsync("Mechanical");
        var second = await SaveProductAsync("Second");
        var first = await SaveProductAsync("First");
        await UpdateAsync(first, async (p, sp) =>
            p.SetTags([((await sp.GetRequiredService<ITagRepository>().GetAsync(tagId, CancellationToken.None))!, 2)]));

        var loaded = await InScope(sp => sp.GetRequiredService<IProductRepository>().GetManyAsync([first, 987654, second, first], CancellationToken.None));

        Assert.That(loaded.Select(p => p.Id), Is.EqualTo(new[] { first, second }.Order()));
        Assert.That(loaded.Single(p => p.Id == first).Tags.Single().Tag.Slug, Is.EqualTo("mechanical"), "loaded whole");
    }

    [Test]
    public async Task Unknown_id_loads_as_null()
    {
        await SaveProductAsync("Something");

        Assert.That(await LoadAsync(987654), Is.Null);
    }

    [Test]
    public async Task Changing_only_the_tags_bumps_version_and_updated_at()
    {
        var mechanicalId = await SaveTagAsync("Mechanical");
        await SaveTagAsync("Wireless");
        var id = await InScope(async sp =>
        {
            var tag = await sp.GetRequiredService<ITagRepository>().GetAsync(mechanicalId, CancellationToken.None);
            var product = NewProduct("MX Board", 99m);
            product.SetTags([(tag!, 1)]);
            sp.GetRequiredService<IProductRepository>().Add(product);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return product.Id;
        });
        var createdAt = Clock.UtcNow;
        Clock.Advance(TimeSpan.FromMinutes(5));

        await UpdateAsync(id, async (product, sp) =>
        {
            var tags = await sp.GetRequiredService<ITagRepository>().GetBySlugsAsync(["mechanical", "wireless"], CancellationToken.None);
            product.SetTags([(tags.Single(t => t.Slug == "mechanical"), 7), (tags.Single(t => t.Slug == "wireless"), 2)]);
        });

        var loaded = await LoadAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded!.Version, Is.EqualTo(2));
            Assert.That(loaded.UpdatedAt, Is.EqualTo(Clock.UtcNow));
            Assert.That(loaded.CreatedAt, Is.EqualTo(createdAt));
            Assert.That(loaded.Tags.Select(t => (t.Tag.Slug, t.Weight)).OrderBy(t => t.Slug),
                Is.EqualTo(new[] { ("mechanical", 7), ("wireless", 2) }));
        }
    }

    [Test]
    public async Task Removing_every_tag_bumps_version_and_updated_at()
    {
        var tagId = await SaveTagAsync("Mechanical");
        var id = await InScope(async sp =>
        {
            var tag = await sp.GetRequiredService<ITagRepository>().GetAsync(tagId, CancellationToken.None);
            var product = NewProduct("MX Board");
            product.SetTags([(tag!, 1)]);
            sp.GetRequiredService<IProductRepository>().Add(product);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return product.Id;
        });
        Clock.Advance(TimeSpan.FromSeconds(30));

        await UpdateAsync(id, p => p.SetTags(Array.Empty<(Tag, int)>()));

        var loaded = await LoadAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded!.Tags, Is.Empty);
            Assert.That(loaded.Version, Is.EqualTo(2));
            Assert.That(loaded.UpdatedAt, Is.EqualTo(Clock.UtcNow));
        }
    }

    [Test]
    public async Task Changing_only_the_specs_bumps_version_and_updated_at()
    {
        var id = await SaveProductAsync("MX Board");
        Clock.Advance(TimeSpan.FromSeconds(1));

        await UpdateAsync(id, p => p.SetSpecs("""{"weight":"1kg"}"""));

        var loaded = await LoadAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded!.Detail.SpecsJson, Is.EqualTo("""{"weight":"1kg"}"""));
            Assert.That(loaded.Version, Is.EqualTo(2));
            Assert.That(loaded.UpdatedAt, Is.EqualTo(Clock.UtcNow));
        }
    }

    [Test]
    public async Task Changing_a_field_bumps_version_once_per_save()
    {
        var id = await SaveProductAsync("MX Board", 10m);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await UpdateAsync(id, p =>
        {
            p.Rename("MX Board 2");
            p.ChangePrice(12.5m);
            p.Describe("new");
        });
        Clock.Advance(TimeSpan.FromSeconds(1));
        await UpdateAsync(id, p => p.Publish(Clock.UtcNow));

        var loaded = await LoadAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded!.Version, Is.EqualTo(3));
            Assert.That(loaded.UpdatedAt, Is.EqualTo(Clock.UtcNow));
            Assert.That(loaded.PublishedAt, Is.EqualTo(Clock.UtcNow));
            Assert.That(loaded.Name, Is.EqualTo("MX Board 2"));
            Assert.That(loaded.NameKey, Is.EqualTo("MX BOARD 2"));
            Assert.That(loaded.Slug, Is.EqualTo("mx-board"), "the slug never changes by itself");
            Assert.That(loaded.Price, Is.EqualTo(12.5m));
        }
    }

    [Test]
    public async Task Saving_without_changes_keeps_version_and_updated_at()
    {
        var id = await SaveProductAsync("MX Board");
        var createdAt = Clock.UtcNow;
        Clock.Advance(TimeSpan.FromMinutes(1));

        await UpdateAsync(id, _ => { });

        var loaded = await LoadAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded!.Version, Is.EqualTo(1));
            Assert.That(loaded.UpdatedAt, Is.EqualTo(createdAt));
        }
    }

    [Test]
    public async Task Images_are_saved_with_the_product_and_adding_one_bumps_version()
    {
        var id = await SaveProductAsync("MX Board");
        Clock.Advance(TimeSpan.FromSeconds(1));

        await UpdateAsync(id, p => p.AddImage("products/2026/11/ab12cd.webp", "front", 0));

        var loaded = await LoadAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded!.Images.Select(i => (i.Path, i.Alt, i.Position)),
                Is.EqualTo(new[] { ("products/2026/11/ab12cd.webp", "front", 0) }));
            Assert.That(loaded.Images.Single().Id, Is.Positive);
            Assert.That(loaded.Version, Is.EqualTo(2));
            Assert.That(loaded.UpdatedAt, Is.EqualTo(Clock.UtcNow));
        }
    }

    [Test]
    public async Task Slugs_like_finds_the_slug_and_its_numbered_variants_only()
    {
        await SaveProductAsync("A", slug: "mx-board");
        await SaveProductAsync("B", slug: "mx-board-2");
        await SaveProductAsync("C", slug: "mx-boards");
        await SaveProductAsync("D", slug: "mx");

        var slugs = await InScope(sp => sp.GetRequiredService<IProductRepository>().SlugsLikeAsync("mx-board", CancellationToken.None));

        Assert.That(slugs, Is.EquivalentTo(new[] { "mx-board", "mx-board-2" }));
    }
}
