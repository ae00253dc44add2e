using Shop.Application.Common.Interfaces;
using Shop.Domain.Categories;
using Shop.Domain.Products;

namespace Shop.Application.Categories.Queries;

internal static class CategoryQueries
{
    /// <summary>One category with its visible product count; for the query and for commands that answer it.</summary>
    public static async Task<CategoryDto> CategoryAsync(this ICatalogReadStore store, int id, ICurrentUser user, CancellationToken cancellationToken)
    {
        var query = store.Categories.Where(c => c.Id == id).WithVisibleCounts(store.Products, user);
        return await store.FirstOrDefaultAsync(query, cancellationToken) ?? throw new Common.Exceptions.NotFoundException("Category", id);
    }

    /// <summary>Projects categories with the count of products the caller may see (one query, no N+1).</summary>
    public static IQueryable<CategoryDto> WithVisibleCounts(this IQueryable<Category> categories, IQueryable<Product> products, ICurrentUser user)
    {
        var visible = user.IsStaff ? products : products.Where(p => p.IsActive && p.Status == ProductStatus.Published);
        return categories.Select(c => new CategoryDto(c.Id, c.Name, c.Slug, visible.Count(p => p.CategoryId == c.Id)));
    }
}
