using Shop.Domain.Categories;

namespace Shop.Application.Common.Interfaces;

public interface ICategoryRepository
{
    Task<Category?> GetAsync(int id, CancellationToken cancellationToken);

    /// <summary>The categories with these ids (those that exist), in one query: for batch writes.</summary>
    Task<IReadOnlyList<Category>> GetManyAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    /// <summary>The categories with these slugs (those that exist), in one query: for the import.</summary>
    Task<IReadOnlyList<Category>> GetBySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken);

    void Add(Category category);

    void Remove(Category category);

    Task<IReadOnlyCollection<string>> SlugsLikeAsync(string baseSlug, CancellationToken cancellationToken);

    Task<bool> HasProductsAsync(int id, CancellationToken cancellationToken);
}
