using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class OptimisticConcurrencyTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [Test]
    public async Task Second_of_two_edits_from_the_same_version_is_precondition_failed()
    {
        var id = await SaveProductAsync("Shared", 10m);
        await using var first = Services.CreateAsyncScope();
        await using var second = Services.CreateAsyncScope();
        var firstCopy = await Repository(first).GetAsync(id, CancellationToken.None);
        var secondCopy = await Repository(second).GetAsync(id, CancellationToken.None);

        firstCopy!.ChangePrice(11m);
        await UnitOfWork(first).SaveChangesAsync(CancellationToken.None);
        secondCopy!.Rename("Shared, renamed");

        Assert.ThrowsAsync<PreconditionFailedException>(() => UnitOfWork(second).SaveChangesAsync(CancellationToken.None));
        var stored = await LoadAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored!.Price, Is.EqualTo(11m));
            Assert.That(stored.Name, Is.EqualTo("Shared"));
            Assert.That(stored.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Stale_edit_of_only_the_tags_is_precondition_failed()
    {
        var tagId = await SaveTagAsync("Mechanical");
        var id = await SaveProductAsync("Shared", 10m);
        await using var first = Services.CreateAsyncScope();
        await using var second = Services.CreateAsyncScope();
        var firstCopy = await Repository(first).GetAsync(id, CancellationToken.None);
        var secondCopy = await Repository(second).GetAsync(id, CancellationToken.None);
        var tag = await second.ServiceProvider.GetRequiredService<ITagRepository>().GetAsync(tagId, CancellationToken.None);

        firstCopy!.Deactivate();
        await UnitOfWork(first).SaveChangesAsync(CancellationToken.None);
        secondCopy!.SetTags([(tag!, 5)]);

        Assert.ThrowsAsync<PreconditionFailedException>(() => UnitOfWork(second).SaveChangesAsync(CancellationToken.None));
        var stored = await LoadAsync(id);
        Assert.That(stored!.Tags, Is.Empty, "the stale tag change must not be half-applied");
    }

    [Test]
    public async Task Stale_delete_is_precondition_failed()
    {
        var id = await SaveProductAsync("Shared", 10m);
        await using var first = Services.CreateAsyncScope();
        await using var second = Services.CreateAsyncScope();
        var firstCopy = await Repository(first).GetAsync(id, CancellationToken.None);
        var secondCopy = await Repository(second).GetAsync(id, CancellationToken.None);

        firstCopy!.Publish(Clock.UtcNow);
        await UnitOfWork(first).SaveChangesAsync(CancellationToken.None);
        Repository(second).Remove(secondCopy!);

        Assert.ThrowsAsync<PreconditionFailedException>(() => UnitOfWork(second).SaveChangesAsync(CancellationToken.None));
        Assert.That((await LoadAsync(id))?.Status, Is.EqualTo(ProductStatus.Published));
    }

    [Test]
    public async Task Sequential_edits_each_from_the_latest_version_all_succeed()
    {
        var id = await SaveProductAsync("Shared", 10m);

        for (var i = 1; i <= 3; i++)
        {
            var price = 10m + i;
            await UpdateAsync(id, p => p.ChangePrice(price));
        }

        var stored = await LoadAsync(id);
        Assert.That((stored!.Price, stored.Version), Is.EqualTo((13m, 4L)));
    }

    private static IProductRepository Repository(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IProductRepository>();

    private static IUnitOfWork UnitOfWork(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
}
