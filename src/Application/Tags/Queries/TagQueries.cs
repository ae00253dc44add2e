using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Application.Tags.Queries;

internal static class TagQueries
{
    public static IQueryable<TagDto> WithVisibleCounts(this IQueryable<Tag> tags, IQueryable<Product> products, ICurrentUser user)
    {
        var visible = user.IsStaff ? products : products.Where(p => p.IsActive && p.Status == ProductStatus.Published);
        return tags.Select(t => new TagDto(t.Id, t.Name, t.Slug, visible.Count(p => p.Tags.Any(l => l.TagId == t.Id))));
    }
}
