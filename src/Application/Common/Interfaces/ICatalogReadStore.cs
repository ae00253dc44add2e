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
    /// The rows one at a time as the database sends them, so a reader of the whole catalog (the CSV export)
    /// holds one row in memory, not all of them. The default suits in-memory stores; the database overrides it.
    /// </summary>
    IAsyncEnumerable<T> StreamAsync<T>(IQueryable<T> query) => query.ToAsyncEnumerable();
}
