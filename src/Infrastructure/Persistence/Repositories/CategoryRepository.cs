using Microsoft.EntityFrameworkCore;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Categories;

namespace Shop.Infrastructure.Persistence.Repositories;

internal sealed class CategoryRepository(ShopDbContext db) : ICategoryRepository
{
    public Task<Category?> GetAsync(int id, CancellationToken cancellationToken) =>
        db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Category>> GetManyAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var distinct = ids.Distinct().ToArray();
        return await db.Categories.Where(c => distinct.Contains(c.Id)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Category>> GetBySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken)
    {
        if (slugs.Count == 0) return [];
        var distinct = slugs.Distinct().ToArray();
        return await db.Categories.Where(c => distinct.Contains(c.Slug)).ToListAsync(cancellationToken);
    }

    public void Add(Category category) => db.Categories.Add(category);

    public void Remove(Category category) => db.Categories.Remove(category);

    public Task<IReadOnlyCollection<string>> SlugsLikeAsync(string baseSlug, CancellationToken cancellationToken) =>
        db.Categories.SlugsLike(baseSlug, cancellationToken);

    public Task<bool> HasProductsAsync(int id, CancellationToken cancellationToken) =>
        db.Products.AnyAsync(p => p.CategoryId == id, cancellationToken);
}
