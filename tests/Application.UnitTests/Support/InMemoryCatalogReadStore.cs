using Shop.Application.Common.Interfaces;
using Shop.Domain.Categories;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Application.UnitTests.Support;

/// <summary>The read side over plain lists: the queries run as LINQ to objects.</summary>
internal sealed class InMemoryCatalogReadStore : ICatalogReadStore
{
    public List<Product> ProductList { get; } = [];
    public List<Category> CategoryList { get; } = [];
    public List<Tag> TagList { get; } = [];

    public IQueryable<Product> Products => ProductList.AsQueryable();
    public IQueryable<Category> Categories => CategoryList.AsQueryable();
    public IQueryable<Tag> Tags => TagList.AsQueryable();

    public InMemoryCatalogReadStore With(params Product[] products)
    {
        ProductList.AddRange(products);
        return this;
    }

    public InMemoryCatalogReadStore With(params Category[] categories)
    {
        CategoryList.AddRange(categories);
        return this;
    }

    public InMemoryCatalogReadStore With(params Tag[] tags)
    {
        TagList.AddRange(tags);
        return this;
    }

    public Task<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        Task.FromResult(query.ToList());

    public Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        Task.FromResult(query.FirstOrDefault());

    public Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        Task.FromResult(query.Count());

    /// <summary>Set, the total a list reports, as a large catalog's remembered count would (the handler reads large lists differently).</summary>
    public int? TotalAtScale { get; set; }

    public Task<int> CountAtScaleAsync<T>(IQueryable<T> query, string key, CancellationToken cancellationToken) =>
        TotalAtScale is { } total ? Task.FromResult(total) : CountAsync(query, cancellationToken);
}
