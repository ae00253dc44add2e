using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Application.Tags.Queries;

internal static class TagQueries
{
    /// <summary>One tag with its visible product count; for the query and for commands that answer it.</summary>
    public static async Task<TagDto> TagAsync(this ICatalogReadStore store, int id, ICurrentUser user, CancellationToken cancellationToken)
    {
        var query = store.Tags.Where(t => t.Id == id).WithVisibleCounts(store.Products, user);
        return await store.FirstOrDefaultAsync(query, cancellationToken) ?? throw new Common.Exceptions.NotFoundException("Tag", id);
    }

    public static IQueryable<TagDto> WithVisibleCounts(this IQueryable<Tag> tags, IQueryable<Product> products, ICurrentUser user)
    {
        var visible = user.IsStaff ? products : products.Where(p => p.IsActive && p.Status == ProductStatus.Published);
        return tags.Select(t => new TagDto(t.Id, t.Name, t.Slug, visible.Count(p => p.Tags.Any(l => l.TagId == t.Id))));
    }
}
