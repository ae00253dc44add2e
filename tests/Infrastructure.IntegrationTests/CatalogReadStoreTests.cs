using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class CatalogReadStoreTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [Test]
    public async Task Ordering_by_price_runs_in_sql_and_is_numeric()
    {
        // As text, "100000" < "2.25" < "9.5"; as integer cents or numeric the order is the one below.
        foreach (var (name, price) in new[] { ("p9", 9.5m), ("p100000", 100000m), ("p0", 0m), ("p2", 2.25m), ("p199", 199.99m), ("p10", 10m), ("p10b", 10m) })
            await SaveProductAsync(name, price);

        var (ascending, descending, sql) = await InScope(async sp =>
        {
            var store = sp.GetRequiredService<ICatalogReadStore>();
            var asc = store.Products.OrderBy(p => p.Price).ThenByDescending(p => p.Id).Select(p => p.Name);
            var desc = store.Products.OrderByDescending(p => p.Price).ThenByDescending(p => p.Id).Select(p => p.Name);
            return (await store.ToListAsync(asc, CancellationToken.None), await store.ToListAsync(desc, CancellationToken.None), asc.ToQueryString());
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ascending, Is.EqualTo(new[] { "p0", "p2", "p9", "p10b", "p10", "p199", "p100000" }));
            Assert.That(descending, Is.EqualTo(new[] { "p100000", "p199", "p10b", "p10", "p9", "p2", "p0" }));
            Assert.That(sql, Does.Contain("ORDER BY").And.Contains("Price"));
        }
    }

    [Test]
    public async Task Price_range_filter_and_paging_run_in_sql()
    {
        foreach (var (name, price) in new[] { ("a", 9.99m), ("b", 10m), ("c", 150m), ("d", 199.99m), ("e", 200m), ("f", 200.01m) })
            await SaveProductAsync(name, price);
        var min = 10m;
        var max = 200m;

        var (page, count) = await InScope(async sp =>
        {
            var store = sp.GetRequiredService<ICatalogReadStore>();
            var filtered = store.Products.Where(p => p.Price >= min && p.Price <= max);
            var paged = filtered.OrderBy(p => p.Price).ThenByDescending(p => p.Id).Skip(1).Take(2).Select(p => new { p.Name, p.Price });
            return (await store.ToListAsync(paged, CancellationToken.None), await store.CountAsync(filtered, CancellationToken.None));
        });

        Assert.That(count, Is.EqualTo(4));
        Assert.That(page.Select(p => (p.Name, p.Price)), Is.EqualTo(new[] { ("c", 150m), ("d", 199.99m) }));
    }

    [Test]
    public async Task Price_aggregates_computed_in_sql_are_in_currency_units()
    {
        foreach (var (name, price) in new[] { ("a", 10m), ("b", 20m), ("c", 30.03m) })
            await SaveProductAsync(name, price);

        var stats = await AggregatePricesAsync();

        Assert.That((stats.Count, stats.Min, stats.Max, stats.Sum, stats.Average), Is.EqualTo((3, 10m, 30.03m, 60.03m, 20.01m)));
    }

    [Test]
    public async Task Ordering_by_name_key_is_byte_order_on_every_database()
    {
        string[] names = ["Zeta", "alpha", "Beta", "a-c", "ab", "a c", "Émile", "a_b", "10 keys", "9 keys"];
        foreach (var name in names)
            await SaveProductAsync(name, slug: "s-" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(name)).ToLowerInvariant());

        var ordered = await InScope(sp =>
        {
            var store = sp.GetRequiredService<ICatalogReadStore>();
            return store.ToListAsync(store.Products.OrderBy(p => p.NameKey).ThenByDescending(p => p.Id).Select(p => p.Name), CancellationToken.None);
        });

        var expected = names.OrderBy(Product.NameKeyOf, StringComparer.Ordinal).ToList();
        Assert.That(ordered, Is.EqualTo(expected));
    }

    [TestCase("board", new[] { "MX Board", "Keyboard cover", "Mouse" })]
    [TestCase("BOARD", new[] { "MX Board", "Keyboard cover", "Mouse" })]
    [TestCase("mx", new[] { "MX Board" })]
    [TestCase("50%", new[] { "50% off" })]
    [TestCase("a_b", new[] { "a_b cable" })]
    [TestCase("nothing like this", new string[0])]
    public async Task Search_with_to_lower_contains_matches_name_or_description_case_insensitively(string term, string[] expected)
    {
        await SaveAsync(Described("MX Board", "Mechanical keyboard"));
        await SaveAsync(Described("Keyboard cover", ""));
        await SaveAsync(Described("Mouse", "Goes with any BOARD"));
        await SaveAsync(Described("Monitor", "27 inch"));
        await SaveAsync(Described("50% off", ""));
        await SaveAsync(Described("500 offers", ""));
        await SaveAsync(Described("a_b cable", ""));
        await SaveAsync(Described("axb cable", ""));
        var lowered = term.ToLowerInvariant();

        var (found, count) = await InScope(async sp =>
        {
            var store = sp.GetRequiredService<ICatalogReadStore>();
            var query = store.Products.Where(p => p.Name.ToLower().Contains(lowered) || p.Description.ToLower().Contains(lowered));
            return (await store.ToListAsync(query.Select(p => p.Name), CancellationToken.None), await store.CountAsync(query, CancellationToken.None));
        });

        Assert.That(found, Is.EquivalentTo(expected));
        Assert.That(count, Is.EqualTo(expected.Length));
    }

    [Test]
    public async Task Count_and_visibility_filters_run_against_the_database()
    {
        await SaveAsync(NewProduct("Published", status: ProductStatus.Published));
        await SaveAsync(NewProduct("Draft"));
        await SaveAsync(NewProduct("Archived", status: ProductStatus.Archived));
        var hidden = NewProduct("Published but inactive", status: ProductStatus.Published);
        hidden.Deactivate();
        await SaveAsync(hidden);

        var (all, visible, first) = await InScope(async sp =>
        {
            var store = sp.GetRequiredService<ICatalogReadStore>();
            var visibleQuery = store.Products.Where(p => p.IsActive && p.Status == ProductStatus.Published);
            return (await store.CountAsync(store.Products, CancellationToken.None),
                await store.CountAsync(visibleQuery, CancellationToken.None),
                await store.FirstOrDefaultAsync(visibleQuery.Select(p => p.Name), CancellationToken.None));
        });

        Assert.That((all, visible, first), Is.EqualTo((4, 1, "Published")));
    }

    [Test]
    public async Task Projection_joins_the_category_and_tags()
    {
        var categoryId = await SaveCategoryAsync("Keyboards");
        await SaveTagAsync("Mechanical");
        await InScope(async sp =>
        {
            var product = NewProduct("MX Board", 99.9m);
            product.AssignCategory(await sp.GetRequiredService<ICategoryRepository>().GetAsync(categoryId, CancellationToken.None));
            product.SetTags([((await sp.GetRequiredService<ITagRepository>().GetBySlugsAsync(["mechanical"], CancellationToken.None)).Single(), 4)]);
            sp.GetRequiredService<IProductRepository>().Add(product);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });
        await SaveProductAsync("No category");

        var rows = await InScope(sp =>
        {
            var store = sp.GetRequiredService<ICatalogReadStore>();
            return store.ToListAsync(store.Products.OrderBy(p => p.NameKey).Select(p => new
            {
                p.Name,
                Category = p.Category == null ? null : p.Category.Slug,
                Tags = p.Tags.Select(t => t.Tag.Slug + ":" + t.Weight).ToList(),
            }), CancellationToken.None);
        });

        Assert.That(rows.Select(r => (r.Name, r.Category, string.Join(",", r.Tags))),
            Is.EqualTo(new (string, string?, string)[] { ("MX Board", "keyboards", "mechanical:4"), ("No category", null, "") }));
    }

    [Test]
    public async Task Read_store_queries_do_not_track_entities()
    {
        await SaveProductAsync("MX Board");

        var tracked = await InScope(async sp =>
        {
            var store = sp.GetRequiredService<ICatalogReadStore>();
            var products = await store.ToListAsync(store.Products.Include(p => p.Category), CancellationToken.None);
            Assert.That(products, Has.Count.EqualTo(1));
            return sp.GetRequiredService<ShopDbContext>().ChangeTracker.Entries().Count();
        });

        Assert.That(tracked, Is.Zero);
    }

    private sealed record PriceStats(int Count, decimal Min, decimal Max, decimal Sum, decimal Average);

    private Task<PriceStats> AggregatePricesAsync() => InScope(async sp =>
    {
        var store = sp.GetRequiredService<ICatalogReadStore>();
        var query = store.Products.GroupBy(_ => 1).Select(g => new PriceStats(
            g.Count(), g.Min(p => p.Price), g.Max(p => p.Price), g.Sum(p => p.Price), g.Average(p => p.Price)));
        return (await store.FirstOrDefaultAsync(query, CancellationToken.None))!;
    });

    private Product Described(string name, string description)
    {
        var product = NewProduct(name);
        product.Describe(description);
        return product;
    }
}
