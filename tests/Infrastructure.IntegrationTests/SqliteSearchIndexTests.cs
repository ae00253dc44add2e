using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Interfaces;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>SQLite's FTS5 trigram table follows every write to Products, and search asks it for the longer words.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
public sealed class SqliteSearchIndexTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private Task<int> IndexedAsync(string word) => WithDb(db => db.Database
        .SqlQueryRaw<int>(SqliteSearch.MatchSql, SqliteSearch.MatchQuery([word])).CountAsync());

    private Task<List<int>> MatchingAsync(params string[] words) => InScope(sp =>
    {
        var store = sp.GetRequiredService<ICatalogReadStore>();
        return store.ToListAsync(store.Matching(store.Products, words).Select(p => p.Id), CancellationToken.None);
    });

    [Test]
    public async Task The_index_follows_inserts_renames_and_deletes()
    {
        var id = await SaveProductAsync("Walnut Desk");
        Assert.That(await IndexedAsync("walnut"), Is.EqualTo(1), "insert");

        await UpdateAsync(id, (p, _) => { p.Rename("Oak Desk"); return Task.CompletedTask; });
        Assert.Multiple(async () =>
        {
            Assert.That(await IndexedAsync("walnut"), Is.Zero, "rename: the old text is gone");
            Assert.That(await IndexedAsync("oak"), Is.EqualTo(1), "rename: the new text is found");
        });

        await WithDb(db => db.Products.Where(p => p.Id == id).ExecuteDeleteAsync());
        Assert.That(await IndexedAsync("oak"), Is.Zero, "delete");
    }

    [Test]
    public async Task Search_asks_the_index_for_long_words_and_tests_short_ones_directly()
    {
        var desk = await SaveProductAsync("Walnut Desk \"Pro\" 4");
        await SaveProductAsync("Walnut Shelf");

        string sql = await InScope(sp =>
        {
            var store = sp.GetRequiredService<ICatalogReadStore>();
            return Task.FromResult(store.Matching(store.Products, ["walnut"]).ToQueryString());
        });
        Assert.Multiple(async () =>
        {
            Assert.That(sql, Does.Contain("MATCH"));
            Assert.That(await MatchingAsync("desk", "walnut"), Is.EqualTo(new[] { desk }));
            Assert.That(await MatchingAsync("walnut", "4"), Is.EqualTo(new[] { desk }), "a one-character word");
            Assert.That(await MatchingAsync("\"pro\""), Is.EqualTo(new[] { desk }), "quotes are part of the word, not FTS5 syntax");
            Assert.That(await MatchingAsync("walnut", "chair"), Is.Empty);
        });
    }
}
