using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class DeletionTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [Test]
    public async Task Deleting_a_category_that_still_has_products_is_a_conflict_and_deletes_nothing()
    {
        var categoryId = await SaveCategoryAsync("Keyboards");
        var productId = await SaveInCategoryAsync("MX Board", categoryId);

        var ex = Assert.ThrowsAsync<ConflictException>(() => InScope(async sp =>
        {
            var categories = sp.GetRequiredService<ICategoryRepository>();
            categories.Remove((await categories.GetAsync(categoryId, CancellationToken.None))!);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }));

        Assert.That(ex, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await WithDb(db => db.Categories.AnyAsync(c => c.Id == categoryId)), Is.True);
            Assert.That((await LoadAsync(productId))!.CategoryId, Is.EqualTo(categoryId));
        }
    }

    [Test]
    public async Task Saving_a_product_into_a_category_deleted_meanwhile_is_a_conflict()
    {
        var categoryId = await SaveCategoryAsync("Keyboards");
        await using var writer = Services.CreateAsyncScope();
        var category = await writer.ServiceProvider.GetRequiredService<ICategoryRepository>().GetAsync(categoryId, CancellationToken.None);
        await WithDb(db => db.Categories.Where(c => c.Id == categoryId).ExecuteDeleteAsync());

        var product = NewProduct("MX Board");
        product.AssignCategory(category);
        writer.ServiceProvider.GetRequiredService<IProductRepository>().Add(product);

        Assert.ThrowsAsync<ConflictException>(() => writer.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None));
        Assert.That(await WithDb(db => db.Products.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Has_products_tells_whether_a_category_is_in_use()
    {
        var usedId = await SaveCategoryAsync("Keyboards");
        var emptyId = await SaveCategoryAsync("Mice");
        await SaveInCategoryAsync("MX Board", usedId);

        var (used, empty) = await InScope(async sp =>
        {
            var categories = sp.GetRequiredService<ICategoryRepository>();
            return (await categories.HasProductsAsync(usedId, CancellationToken.None), await categories.HasProductsAsync(emptyId, CancellationToken.None));
        });

        Assert.That((used, empty), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task Deleting_an_empty_category_succeeds()
    {
        var categoryId = await SaveCategoryAsync("Keyboards");

        await InScope(async sp =>
        {
            var categories = sp.GetRequiredService<ICategoryRepository>();
            categories.Remove((await categories.GetAsync(categoryId, CancellationToken.None))!);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        Assert.That(await WithDb(db => db.Categories.AnyAsync(c => c.Id == categoryId)), Is.False);
    }

    [Test]
    public async Task Deleting_a_product_removes_its_detail_tag_links_and_images_but_not_the_tags()
    {
        var (id, otherId) = await SaveTwoTaggedProductsAsync();

        await InScope(async sp =>
        {
            var products = sp.GetRequiredService<IProductRepository>();
            products.Remove((await products.GetAsync(id, CancellationToken.None))!);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        await AssertOnlyOtherProductRemainsAsync(id, otherId);
    }

    [Test]
    public async Task Database_cascades_a_product_delete_to_its_detail_tag_links_and_images()
    {
        var (id, otherId) = await SaveTwoTaggedProductsAsync();

        // Straight SQL, nothing loaded: the foreign keys in the migrations must cascade by themselves.
        await WithDb(db => db.Products.Where(p => p.Id == id).ExecuteDeleteAsync());

        await AssertOnlyOtherProductRemainsAsync(id, otherId);
    }

    [Test]
    public async Task Deleting_a_tag_removes_its_links_and_keeps_the_products()
    {
        var (id, otherId) = await SaveTwoTaggedProductsAsync();
        var mechanicalId = await WithDb(db => db.Tags.Where(t => t.Slug == "mechanical").Select(t => t.Id).SingleAsync());

        await InScope(async sp =>
        {
            var tags = sp.GetRequiredService<ITagRepository>();
            tags.Remove((await tags.GetAsync(mechanicalId, CancellationToken.None))!);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        var product = await LoadAsync(id);
        var other = await LoadAsync(otherId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await WithDb(db => db.Tags.AnyAsync(t => t.Id == mechanicalId)), Is.False);
            Assert.That(await WithDb(db => db.ProductTags.CountAsync(l => l.TagId == mechanicalId)), Is.Zero);
            Assert.That(product, Is.Not.Null);
            Assert.That(other, Is.Not.Null);
            Assert.That(product!.Tags.Select(t => t.Tag.Slug), Is.EqualTo(new[] { "wireless" }));
            Assert.That(other!.Tags, Is.Empty);
        }
    }

    private Task<int> SaveInCategoryAsync(string name, int categoryId) => InScope(async sp =>
    {
        var product = NewProduct(name);
        product.AssignCategory(await sp.GetRequiredService<ICategoryRepository>().GetAsync(categoryId, CancellationToken.None));
        sp.GetRequiredService<IProductRepository>().Add(product);
        await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return product.Id;
    });

    /// <summary>Product "MX Board" tagged mechanical + wireless with specs and an image; "Other" tagged mechanical.</summary>
    private async Task<(int Id, int OtherId)> SaveTwoTaggedProductsAsync()
    {
        await SaveTagAsync("Mechanical");
        await SaveTagAsync("Wireless");
        return await InScope(async sp =>
        {
            var tags = await sp.GetRequiredService<ITagRepository>().GetBySlugsAsync(["mechanical", "wireless"], CancellationToken.None);
            var mechanical = tags.Single(t => t.Slug == "mechanical");
            var product = NewProduct("MX Board");
            product.SetTags([(mechanical, 1), (tags.Single(t => t.Slug == "wireless"), 2)]);
            product.SetSpecs("""{"keys":87}""");
            product.AddImage("products/a.webp", "front", 0);
            var other = NewProduct("Other");
            other.SetTags([(mechanical, 1)]);
            other.AddImage("products/b.webp", "", 0);
            var products = sp.GetRequiredService<IProductRepository>();
            products.Add(product);
            products.Add(other);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return (product.Id, other.Id);
        });
    }

    private async Task AssertOnlyOtherProductRemainsAsync(int deletedId, int otherId)
    {
        var counts = await WithDb(async db => new
        {
            Products = await db.Products.CountAsync(p => p.Id == deletedId),
            Details = await db.Set<ProductDetail>().CountAsync(d => d.ProductId == deletedId),
            Links = await db.ProductTags.CountAsync(l => l.ProductId == deletedId),
            Images = await db.Set<ProductImage>().CountAsync(i => i.ProductId == deletedId),
            Tags = await db.Tags.CountAsync(),
            OtherLinks = await db.ProductTags.CountAsync(l => l.ProductId == otherId),
            OtherImages = await db.Set<ProductImage>().CountAsync(i => i.ProductId == otherId),
            OtherDetails = await db.Set<ProductDetail>().CountAsync(d => d.ProductId == otherId),
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(counts.Products, Is.Zero);
            Assert.That(counts.Details, Is.Zero);
            Assert.That(counts.Links, Is.Zero);
            Assert.That(counts.Images, Is.Zero);
            Assert.That(counts.Tags, Is.EqualTo(2), "tags outlive the products that used them");
            Assert.That(counts.OtherLinks, Is.EqualTo(1));
            Assert.That(counts.OtherImages, Is.EqualTo(1));
            Assert.That(counts.OtherDetails, Is.EqualTo(1));
        }
    }
}
