using System.Linq.Expressions;
using System.Runtime.CompilerServices;
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

    /// <summary><c>s == b1 || s.StartsWith("b1-") || s == b2 || …</c> over the given bases (slugs hold no LIKE wildcards).</summary>
    public static Expression<Func<string, bool>> EqualOrSuffixedFromAny(IEnumerable<string> baseSlugs)
    {
        var slug = Expression.Parameter(typeof(string), "s");
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression body = Expression.Constant(false);
        foreach (var b in baseSlugs)
        {
            // Values read from a closure-like box become SQL parameters (one cached plan per chunk size), not literals.
            body = Expression.OrElse(body, Expression.OrElse(
                Expression.Equal(slug, Boxed(b)),
                Expression.Call(slug, startsWith, Boxed(b + "-"))));
        }
        return Expression.Lambda<Func<string, bool>>(body, slug);
    }

    private static MemberExpression Boxed(string value) =>
        Expression.Field(Expression.Constant(new StrongBox<string>(value)), nameof(StrongBox<string>.Value));

    public static async Task<IReadOnlyCollection<string>> SlugsLike(this IQueryable<FormerSlug> q, string slug, CancellationToken ct) =>
        await q.Select(x => x.Slug).Where(s => s == slug || s.StartsWith(slug + "-")).ToListAsync(ct);

    public static async Task<IReadOnlyCollection<string>> SlugsLike(this IQueryable<Category> q, string slug, CancellationToken ct) =>
        await q.Select(x => x.Slug).Where(s => s == slug || s.StartsWith(slug + "-")).ToListAsync(ct);

    public static async Task<IReadOnlyCollection<string>> SlugsLike(this IQueryable<Tag> q, string slug, CancellationToken ct) =>
        await q.Select(x => x.Slug).Where(s => s == slug || s.StartsWith(slug + "-")).ToListAsync(ct);
}
