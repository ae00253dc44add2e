using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class UniquenessTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [Test]
    public async Task Duplicate_slug_is_a_conflict_on_slug()
    {
        await SaveProductAsync("MX Board", slug: "mx-board");

        var ex = Assert.ThrowsAsync<ConflictException>(() => SaveProductAsync("Other board", slug: "mx-board"));

        Assert.That(ex!.Field, Is.EqualTo("slug"));
        Assert.That(await CountProductsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Duplicate_slug_is_a_conflict_even_when_the_other_product_is_inactive()
    {
        await SaveProductAsync("MX Board", slug: "mx-board", isActive: false);

        var ex = Assert.ThrowsAsync<ConflictException>(() => SaveProductAsync("Other board", slug: "mx-board"));

        Assert.That(ex!.Field, Is.EqualTo("slug"));
    }

    [TestCase("MX Board", "mx board")]
    [TestCase("MX Board", "MX BOARD")]
    [TestCase("Café Crème", "CAFÉ CRÈME")]
    [TestCase("MX Board", "  mx Board  ")]
    public async Task Active_name_differing_only_by_case_is_a_conflict_on_name(string first, string second)
    {
        await SaveProductAsync(first, slug: "first");

        var ex = Assert.ThrowsAsync<ConflictException>(() => SaveProductAsync(second, slug: "second"));

        Assert.That(ex!.Field, Is.EqualTo("name"));
        Assert.That(await CountProductsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Same_name_is_allowed_when_the_other_product_is_inactive()
    {
        await SaveProductAsync("MX Board", slug: "first", isActive: false);

        var id = await SaveProductAsync("mx board", slug: "second");

        Assert.That(id, Is.Positive);
        Assert.That(await CountProductsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task Two_inactive_products_may_share_a_name()
    {
        await SaveProductAsync("MX Board", slug: "first", isActive: false);

        await SaveProductAsync("MX Board", slug: "second", isActive: false);

        Assert.That(await CountProductsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task Deactivating_a_product_frees_its_name()
    {
        var firstId = await SaveProductAsync("MX Board", slug: "first");
        Assert.ThrowsAsync<ConflictException>(() => SaveProductAsync("MX Board", slug: "second"));

        await UpdateAsync(firstId, p => p.Deactivate());
        var secondId = await SaveProductAsync("MX Board", slug: "second");

        Assert.That(secondId, Is.Positive);
    }

    [Test]
    public async Task Reactivating_a_product_whose_name_was_taken_meanwhile_is_a_conflict_on_name()
    {
        var firstId = await SaveProductAsync("MX Board", slug: "first", isActive: false);
        await SaveProductAsync("MX BOARD", slug: "second");

        var ex = Assert.ThrowsAsync<ConflictException>(() => UpdateAsync(firstId, p => p.Activate()));

        Assert.That(ex!.Field, Is.EqualTo("name"));
        Assert.That((await LoadAsync(firstId))!.IsActive, Is.False);
    }

    [Test]
    public async Task Renaming_onto_an_active_name_is_a_conflict_on_name()
    {
        await SaveProductAsync("MX Board", slug: "first");
        var otherId = await SaveProductAsync("Other", slug: "second");

        var ex = Assert.ThrowsAsync<ConflictException>(() => UpdateAsync(otherId, p => p.Rename("mx BOARD")));

        Assert.That(ex!.Field, Is.EqualTo("name"));
    }

    [TestCase(2)]
    [TestCase(6)]
    public async Task Concurrent_inserts_of_the_same_name_let_exactly_one_succeed(int writers)
    {
        using var start = new Barrier(writers);
        var attempts = Enumerable.Range(1, writers).Select(i => Task.Run(() => InScope(async sp =>
        {
            sp.GetRequiredService<IProductRepository>().Add(NewProduct(i % 2 == 0 ? "Race Board" : "RACE board", slug: $"race-{i}"));
            var unitOfWork = sp.GetRequiredService<IUnitOfWork>();
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            try
            {
                await unitOfWork.SaveChangesAsync(CancellationToken.None);
                return (Exception?)null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }))).ToList();

        var outcomes = await Task.WhenAll(attempts);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes.Count(e => e is null), Is.EqualTo(1), string.Join("\n", outcomes.Where(e => e is not null)));
            Assert.That(outcomes.Where(e => e is not null), Has.All.InstanceOf<ConflictException>().With.Property("Field").EqualTo("name"));
            Assert.That(await CountProductsAsync(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Duplicate_category_name_is_a_conflict_on_name()
    {
        await SaveCategoryAsync("Keyboards", "keyboards");

        var ex = Assert.ThrowsAsync<ConflictException>(() => SaveCategoryAsync("Keyboards", "keyboards-2"));

        Assert.That(ex!.Field, Is.EqualTo("name"));
    }

    [Test]
    public async Task Duplicate_category_slug_is_a_conflict_on_slug()
    {
        await SaveCategoryAsync("Keyboards", "keyboards");

        var ex = Assert.ThrowsAsync<ConflictException>(() => SaveCategoryAsync("Keyboards and mice", "keyboards"));

        Assert.That(ex!.Field, Is.EqualTo("slug"));
    }

    [Test]
    public async Task Duplicate_tag_name_is_a_conflict_on_name()
    {
        await SaveTagAsync("Mechanical", "mechanical");

        var ex = Assert.ThrowsAsync<ConflictException>(() => SaveTagAsync("Mechanical", "mechanical-2"));

        Assert.That(ex!.Field, Is.EqualTo("name"));
    }

    [Test]
    public async Task Duplicate_tag_slug_is_a_conflict_on_slug()
    {
        await SaveTagAsync("Mechanical", "mechanical");

        var ex = Assert.ThrowsAsync<ConflictException>(() => SaveTagAsync("Mechanical keys", "mechanical"));

        Assert.That(ex!.Field, Is.EqualTo("slug"));
    }

    [Test]
    public async Task Renaming_a_category_onto_a_taken_name_is_a_conflict_on_name()
    {
        await SaveCategoryAsync("Keyboards");
        var miceId = await SaveCategoryAsync("Mice");

        var ex = Assert.ThrowsAsync<ConflictException>(() => InScope(async sp =>
        {
            var mice = await sp.GetRequiredService<ICategoryRepository>().GetAsync(miceId, CancellationToken.None);
            mice!.Rename("Keyboards");
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }));

        Assert.That(ex!.Field, Is.EqualTo("name"));
    }

    private Task<int> CountProductsAsync() => WithDb(db => db.Products.CountAsync());
}
