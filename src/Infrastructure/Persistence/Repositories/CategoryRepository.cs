using Microsoft.EntityFrameworkCore;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Categories;

namespace Shop.Infrastructure.Persistence.Repositories;

internal sealed class CategoryRepository(ShopDbContext db) : ICategoryRepository
{
    public Task<Category?> GetAsync(int id, CancellationToken cancellationToken) =>
        db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public void Add(Category category) => db.Categories.Add(category);

    public void Remove(Category category) => db.Categories.Remove(category);

    public Task<IReadOnlyCollection<string>> SlugsLikeAsync(string baseSlug, CancellationToken cancellationToken) =>
        db.Categories.SlugsLike(baseSlug, cancellationToken);

    public Task<bool> HasProductsAsync(int id, CancellationToken cancellationToken) =>
        db.Products.AnyAsync(p => p.CategoryId == id, cancellationToken);
}
