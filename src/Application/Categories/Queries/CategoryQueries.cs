using Shop.Application.Common.Interfaces;
using Shop.Domain.Categories;
using Shop.Domain.Products;

namespace Shop.Application.Categories.Queries;

internal static class CategoryQueries
{
    /// <summary>Projects categories with the count of products the caller may see (one query, no N+1).</summary>
    public static IQueryable<CategoryDto> WithVisibleCounts(this IQueryable<Category> categories, IQueryable<Product> products, ICurrentUser user)
    {
        var visible = user.IsStaff ? products : products.Where(p => p.IsActive && p.Status == ProductStatus.Published);
        return categories.Select(c => new CategoryDto(c.Id, c.Name, c.Slug, visible.Count(p => p.CategoryId == c.Id)));
    }
}
