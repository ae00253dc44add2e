using Shop.Application.Products;
using Shop.Application.Products.Queries;
using Shop.Domain.Categories;
using Shop.Domain.History;
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

    /// <summary>Recorded changes (<see cref="HistoryEntry"/>); none by default, for in-memory stores that keep none.</summary>
    IQueryable<HistoryEntry> History => Enumerable.Empty<HistoryEntry>().AsQueryable();

    Task<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);
    Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);
    Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);

    /// <summary>
    /// The products whose name or description holds every one of <paramref name="words"/> (as <c>SearchText.Words</c>
    /// gives them), each a literal substring. A database may serve it from its own text index; the default is the
    /// plain LINQ test, which PostgreSQL's trigram indexes serve as it is.
    /// </summary>
    IQueryable<Product> Matching(IQueryable<Product> products, IReadOnlyList<string> words) => SearchWords.ContainedIn(products, words);

    /// <summary>
    /// A list's total that stays cheap on a large catalog: exact while at most <see cref="ExactCountLimit"/> rows match
    /// (counted with a bounded query, so a write shows at once); above that, an exact count remembered under
    /// <paramref name="key"/> for a minute. The default suits in-memory stores; the database overrides it.
    /// </summary>
    Task<int> CountAtScaleAsync<T>(IQueryable<T> query, string key, CancellationToken cancellationToken) => CountAsync(query, cancellationToken);

    const int ExactCountLimit = 10_000;

    /// <summary>
    /// What the URL of a stored image starts with (its storage key follows): this app's <c>/media/</c>, or the address
    /// of a CDN or bucket that serves the files. Projections of images take it as their <c>mediaPrefix</c> parameter.
    /// </summary>
    string MediaUrlPrefix => ProductImageDto.UrlPrefix;

    /// <summary>
    /// The rows one at a time as the database sends them, so a reader of the whole catalog (the CSV export)
    /// holds one row in memory, not all of them. The default suits in-memory stores; the database overrides it.
    /// </summary>
    IAsyncEnumerable<T> StreamAsync<T>(IQueryable<T> query) => query.ToAsyncEnumerable();
}
