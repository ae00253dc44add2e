using Microsoft.EntityFrameworkCore;
using Shop.Domain.Categories;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Infrastructure.Persistence.Repositories;

internal static class SlugQueries
{
    // StartsWith on a parameter is translated to a prefix LIKE with escaping, on both providers.
    public static async Task<IReadOnlyCollection<string>> SlugsLike(this IQueryable<Product> q, string slug, CancellationToken ct) =>
        await q.Select(x => x.Slug).Where(s => s == slug || s.StartsWith(slug + "-")).ToListAsync(ct);

    public static async Task<IReadOnlyCollection<string>> SlugsLike(this IQueryable<Category> q, string slug, CancellationToken ct) =>
        await q.Select(x => x.Slug).Where(s => s == slug || s.StartsWith(slug + "-")).ToListAsync(ct);

    public static async Task<IReadOnlyCollection<string>> SlugsLike(this IQueryable<Tag> q, string slug, CancellationToken ct) =>
        await q.Select(x => x.Slug).Where(s => s == slug || s.StartsWith(slug + "-")).ToListAsync(ct);
}
