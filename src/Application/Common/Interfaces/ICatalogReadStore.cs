using Shop.Domain.Categories;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Application.Common.Interfaces;

/// <summary>
/// The query side: untracked queryables to project from, and the async terminal operations to run them
/// (so Application needs no EF reference, and query handlers can be tested over in-memory lists).
/// </summary>
public interface ICatalogReadStore
{
    IQueryable<Product> Products { get; }
    IQueryable<Category> Categories { get; }
    IQueryable<Tag> Tags { get; }

    Task<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);
    Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);
    Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);

    /// <summary>
    /// The products whose name or description contains every one of <paramref name="words"/> (normalised with
    /// <c>SearchText.Words</c>), literally: no character of a word is a wildcard. Each database serves it from its own
    /// text index; the default suits in-memory stores.
    /// </summary>
    IQueryable<Product> Matching(IQueryable<Product> products, IReadOnlyList<string> words) =>
        words.Aggregate(products, (query, word) => query.Where(p => p.SearchText.Contains(word)));

    /// <summary>
    /// The rows one at a time as the database sends them, so a reader of the whole catalog (the CSV export)
    /// holds one row in memory, not all of them. The default suits in-memory stores; the database overrides it.
    /// </summary>
    IAsyncEnumerable<T> StreamAsync<T>(IQueryable<T> query) => query.ToAsyncEnumerable();
}
