using Shop.Domain.Categories;

namespace Shop.Application.Common.Interfaces;

public interface ICategoryRepository
{
    Task<Category?> GetAsync(int id, CancellationToken cancellationToken);

    void Add(Category category);

    void Remove(Category category);

    Task<IReadOnlyCollection<string>> SlugsLikeAsync(string baseSlug, CancellationToken cancellationToken);

    Task<bool> HasProductsAsync(int id, CancellationToken cancellationToken);
}
