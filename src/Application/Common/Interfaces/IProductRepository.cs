using Shop.Domain.Products;

namespace Shop.Application.Common.Interfaces;

/// <summary>The command side's access to products (tracked, whole aggregates).</summary>
public interface IProductRepository
{
    /// <summary>The product with its category, tags, detail and images, tracked for changes; null when unknown.</summary>
    Task<Product?> GetAsync(int id, CancellationToken cancellationToken);

    /// <summary>The products with these ids that exist, whole and tracked (as <see cref="GetAsync"/>), in one query, by id.</summary>
    Task<IReadOnlyList<Product>> GetManyAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Inside a transaction, holds these products (ascending ids, so two writers never wait on each other in a
    /// circle) until it ends: a PostgreSQL row lock; SQLite's write transaction already holds the whole database.
    /// </summary>
    Task LockAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(int id, CancellationToken cancellationToken);

    void Add(Product product);

    void Remove(Product product);

    /// <summary>
    /// Slugs equal to <paramref name="baseSlug"/> or starting with <c>baseSlug-</c>, to pick the next free suffix. Here and
    /// below, a slug kept as a renamed product's former slug counts as taken.
    /// </summary>
    Task<IReadOnlyCollection<string>> SlugsLikeAsync(string baseSlug, CancellationToken cancellationToken);

    // Batch writes (bulk create, import) ask about all their rows at once: one query each, not one per row.

    /// <summary>Those of <paramref name="slugs"/> that a product already has, now or as a former slug (indexed lookups).</summary>
    Task<IReadOnlyCollection<string>> ExistingSlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken);

    /// <summary>Every slug equal to one of <paramref name="baseSlugs"/> or starting with <c>base-</c>: the families to pick suffixes from.</summary>
    Task<IReadOnlyCollection<string>> SlugsLikeAnyAsync(IReadOnlyCollection<string> baseSlugs, CancellationToken cancellationToken);

    /// <summary>Of these name keys (<see cref="Product.NameKeyOf"/>), those an active product holds, with that product's slug.</summary>
    Task<IReadOnlyDictionary<string, string>> ActiveNameHoldersAsync(IReadOnlyCollection<string> nameKeys, CancellationToken cancellationToken);

    /// <summary>The products with these slugs, whole and tracked (as <see cref="GetAsync"/>).</summary>
    Task<IReadOnlyList<Product>> GetBySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="amount"/> to the price in one atomic statement that refuses to leave the
    /// 0–100000 range, so concurrent adjustments never lose an update. The prices are the ones that statement read
    /// and wrote (from its <c>RETURNING</c>), so the history of a burst of adjustments forms one unbroken chain.
    /// </summary>
    Task<PriceAdjustment> AdjustPriceAsync(int id, decimal amount, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// Inside a transaction, changes the price of every product of <paramref name="products"/> in one set-based
    /// <c>UPDATE</c>, after locking them and checking that every new price stays in 0–100000; if one would not, nothing
    /// is written and the answer lists the refused products. The answer holds every product's price before and after.
    /// </summary>
    Task<PriceChangeOutcome> ChangePricesAsync(IQueryable<Product> products, PriceChange change, DateTime now, CancellationToken cancellationToken);
}

/// <summary>What an atomic adjustment did; the prices before and after are set when it <see cref="PriceAdjustmentOutcome.Adjusted"/>.</summary>
public sealed record PriceAdjustment(PriceAdjustmentOutcome Outcome, decimal OldPrice = 0, decimal NewPrice = 0);

/// <summary>A product's price before and after a bulk change.</summary>
public sealed record PriceChangeRow(int Id, decimal Before, decimal After);

/// <summary>
/// Of the <see cref="Matched"/> products, the rows changed (by id), or, when <see cref="Refused"/> is not empty, the ones
/// that would leave the range (and nothing changed).
/// </summary>
public sealed record PriceChangeOutcome(int Matched, IReadOnlyList<PriceChangeRow> Changed, IReadOnlyList<PriceChangeRow> Refused);

public enum PriceAdjustmentOutcome
{
    Adjusted,
    NotFound,
    OutOfRange,
}
