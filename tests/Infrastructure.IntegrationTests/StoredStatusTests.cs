using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>
/// The Status column holds whatever another tool wrote (a restore, a hand-made UPDATE): reading such a row never
/// fails; a value that names no status reads as a draft (hidden from anonymous callers, and staff can move it on).
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class StoredStatusTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [TestCase("unknown", ProductStatus.Draft)]
    [TestCase("", ProductStatus.Draft)]
    [TestCase("5", ProductStatus.Draft)]
    [TestCase("Published", ProductStatus.Published)]
    [TestCase("archived", ProductStatus.Archived)]
    public async Task A_stored_status_reads_without_failing(string stored, ProductStatus expected)
    {
        var id = await SaveProductAsync("Odd status");
        await WithDb(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Products\" SET \"Status\" = {stored} WHERE \"Id\" = {id}"));

        var loaded = await LoadAsync(id);
        var listed = await InScope(sp =>
        {
            var store = sp.GetRequiredService<ICatalogReadStore>();
            return store.ToListAsync(store.Products.Select(p => p.Status), CancellationToken.None);
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded?.Status, Is.EqualTo(expected));
            Assert.That(listed, Is.EqualTo(new[] { expected }));
        }
    }
}
