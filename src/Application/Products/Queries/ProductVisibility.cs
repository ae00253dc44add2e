using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;

namespace Shop.Application.Products.Queries;

internal static class ProductVisibility
{
    /// <summary>Anonymous callers and ordinary users see only active, published products; staff see all.</summary>
    public static IQueryable<Product> VisibleTo(this IQueryable<Product> products, ICurrentUser user) =>
        user.IsStaff ? products : products.Where(p => p.IsActive && p.Status == ProductStatus.Published);
}
