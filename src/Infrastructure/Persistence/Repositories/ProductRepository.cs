using Microsoft.EntityFrameworkCore;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;

namespace Shop.Infrastructure.Persistence.Repositories;

internal sealed class ProductRepository(ShopDbContext db) : IProductRepository
{
    public Task<Product?> GetAsync(int id, CancellationToken cancellationToken) =>
        Whole().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Product>> GetManyAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var distinct = ids.Distinct().ToArray();
        return await Whole().Where(p => distinct.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Products with everything a command may change: category, detail, tag links and images.</summary>
    private IQueryable<Product> Whole() =>
        db.Products
            .Include(p => p.Category)
            .Include(p => p.Detail)
            .Include(p => p.Tags).ThenInclude(t => t.Tag)
            .Include(p => p.Images)
            .Include(p => p.FormerSlugs)
            .AsSplitQuery();

    public async Task LockAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0 || db.Dialect != DatabaseDialect.Postgres) return;
        var array = ids.ToArray();
        await db.Database.ExecuteSqlAsync(
            $"""SELECT 1 FROM "Products" WHERE "Id" = ANY({array}) ORDER BY "Id" FOR UPDATE""", cancellationToken);
    }

    public Task<bool> ExistsAsync(int id, CancellationToken cancellationToken) => db.Products.AnyAsync(p => p.Id == id, cancellationToken);

    public void Add(Product product) => db.Products.Add(product);

    public void Remove(Product product) => db.Products.Remove(product);

    // A product's former slug counts as taken (see FormerSlugRule): a slug made from a name passes over it.
    public async Task<IReadOnlyCollection<string>> SlugsLikeAsync(string baseSlug, CancellationToken cancellationToken) =>
        [.. await db.Products.SlugsLike(baseSlug, cancellationToken), .. await db.FormerSlugs.SlugsLike(baseSlug, cancellationToken)];

    public async Task<IReadOnlyCollection<string>> ExistingSlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken)
    {
        if (slugs.Count == 0) return [];
        var distinct = slugs.Distinct().ToArray();
        return
        [
            .. await db.Products.Where(p => distinct.Contains(p.Slug)).Select(p => p.Slug).ToListAsync(cancellationToken),
            .. await db.FormerSlugs.Where(f => distinct.Contains(f.Slug)).Select(f => f.Slug).ToListAsync(cancellationToken),
        ];
    }

    public async Task<IReadOnlyCollection<string>> SlugsLikeAnyAsync(IReadOnlyCollection<string> baseSlugs, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        // A prefix test per base, OR-ed: chunked so the SQL stays well inside SQLite's expression-depth limit.
        foreach (var chunk in baseSlugs.Distinct().Chunk(100))
        {
            found.AddRange(await db.Products.Select(p => p.Slug).Where(SlugQueries.EqualOrSuffixedFromAny(chunk)).ToListAsync(cancellationToken));
            found.AddRange(await db.FormerSlugs.Select(f => f.Slug).Where(SlugQueries.EqualOrSuffixedFromAny(chunk)).ToListAsync(cancellationToken));
        }
        return found;
    }

    public async Task<IReadOnlyDictionary<string, string>> ActiveNameHoldersAsync(IReadOnlyCollection<string> nameKeys, CancellationToken cancellationToken)
    {
        if (nameKeys.Count == 0) return new Dictionary<string, string>();
        var distinct = nameKeys.Distinct().ToArray();
        // The partial unique index on active names answers this.
        var holders = await db.Products.Where(p => p.IsActive && distinct.Contains(p.NameKey))
            .Select(p => new { p.NameKey, p.Slug }).ToListAsync(cancellationToken);
        return holders.ToDictionary(h => h.NameKey, h => h.Slug);
    }

    public async Task<IReadOnlyList<Product>> GetBySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken)
    {
        if (slugs.Count == 0) return [];
        var distinct = slugs.Distinct().ToArray();
        return await Whole().Where(p => distinct.Contains(p.Slug)).ToListAsync(cancellationToken);
    }

    public async Task<PriceAdjustment> AdjustPriceAsync(int id, decimal amount, DateTime now, CancellationToken cancellationToken)
    {
        // One conditional UPDATE: the database adds and checks the range under its row lock, so concurrent
        // adjustments serialise there and none is lost; a result outside the range updates no row. RETURNING gives the
        // price this statement wrote, so the one it replaced is exactly that minus the amount, whoever ran in between.
        decimal? newPrice = db.Dialect == DatabaseDialect.Postgres
            ? (await db.Database.SqlQuery<decimal>($"""
                UPDATE "Products" SET "Price" = "Price" + {amount}, "UpdatedAt" = {now}, "Version" = "Version" + 1
                WHERE "Id" = {id} AND "Price" + {amount} >= {Price.Min} AND "Price" + {amount} <= {Price.Max}
                RETURNING "Price" AS "Value"
                """).ToListAsync(cancellationToken)).Cast<decimal?>().FirstOrDefault()
            : (await db.Database.SqlQuery<long>($"""
                UPDATE "Products" SET "Price" = "Price" + {Cents(amount)}, "UpdatedAt" = {now}, "Version" = "Version" + 1
                WHERE "Id" = {id} AND "Price" + {Cents(amount)} >= {Cents(Price.Min)} AND "Price" + {Cents(amount)} <= {Cents(Price.Max)}
                RETURNING "Price" AS "Value"
                """).ToListAsync(cancellationToken)).Select(c => (decimal?)(c / 100m)).FirstOrDefault();
        if (newPrice is { } price) return new PriceAdjustment(PriceAdjustmentOutcome.Adjusted, price - amount, price);
        return new PriceAdjustment(await ExistsAsync(id, cancellationToken)
            ? PriceAdjustmentOutcome.OutOfRange
            : PriceAdjustmentOutcome.NotFound);
    }

    /// <summary>Money as SQLite's Price column stores it (<see cref="DatabaseDialect"/>): integer cents.</summary>
    private static long Cents(decimal amount) => (long)(amount * 100m);

    public async Task<PriceChangeOutcome> ChangePricesAsync(
        IQueryable<Product> products, PriceChange change, DateTime now, CancellationToken cancellationToken)
    {
        var ids = await products.Select(p => p.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        if (ids.Count == 0) return new PriceChangeOutcome(0, [], []);
        // Locked (PostgreSQL; SQLite's write transaction holds the database), the prices read now are the ones the UPDATE
        // changes: a PATCH or an adjustment racing this waits for it and then works on the new price, or went first.
        await LockAsync(ids, cancellationToken);
        var before = await db.Products.Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Price }).ToListAsync(cancellationToken);
        var refused = before.Where(p => !change.KeepsInRange(p.Price)).Select(p => new PriceChangeRow(p.Id, p.Price, change.Apply(p.Price))).ToList();
        if (refused.Count > 0) return new PriceChangeOutcome(before.Count, [], refused);

        var after = await PriceChangeSql.UpdateAsync(db, ids, change, now, cancellationToken);
        return new PriceChangeOutcome(before.Count,
            [.. before.Where(p => after.ContainsKey(p.Id)).Select(p => new PriceChangeRow(p.Id, p.Price, after[p.Id]))], []);
    }
}
