using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Shop.Application.Common.Exceptions;
using Shop.Domain.Products;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// A slug kept as a renamed product's former slug (a redirect) cannot be taken by another product: that save is a 409
/// keyed <c>slug</c>. Every write that gives a product a slug (create, bulk create, replace, patch, the forms) goes
/// through <see cref="ShopDbContext.SaveChangesAsync(bool, CancellationToken)"/>, so the rule is kept here, once.
/// <para>
/// The check runs after the product's row is written, in the same transaction: the unique index on
/// <c>Products.Slug</c> makes a writer taking a slug wait for a concurrent rename still holding it, and once that
/// rename commits, the check sees the former slug it kept. Checked before the write, both could pass.
/// </para>
/// </summary>
internal static class FormerSlugRule
{
    /// <summary>The products about to be saved with a new slug (created, or their slug changed).</summary>
    public static IReadOnlyList<Product> SlugsTaken(ChangeTracker tracker) =>
        tracker.Entries<Product>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(p => p.Slug).IsModified))
            .Select(e => e.Entity)
            .ToList();

    public static async Task<int> SaveCheckingAsync(
        ShopDbContext db, IReadOnlyList<Product> products, Func<CancellationToken, Task<int>> save, bool acceptAllChanges,
        CancellationToken cancellationToken)
    {
        // Inside a command's transaction, the check joins it; a lone save gets one of its own.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // Changes are accepted only once the check passed, so a refused save leaves the entities as they were.
            var written = await save(cancellationToken);
            await RefuseFormerSlugsOfOthersAsync(db, products, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            if (acceptAllChanges) db.ChangeTracker.AcceptAllChanges();
            return written;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private static async Task RefuseFormerSlugsOfOthersAsync(ShopDbContext db, IReadOnlyList<Product> products, CancellationToken ct)
    {
        foreach (var chunk in products.Chunk(500))
        {
            var slugs = chunk.Select(p => p.Slug).Distinct().ToArray();
            var kept = await db.FormerSlugs.AsNoTracking().Where(f => slugs.Contains(f.Slug))
                .Select(f => new { f.Slug, f.ProductId }).ToListAsync(ct);
            foreach (var former in kept)
            {
                if (chunk.Any(p => p.Slug == former.Slug && p.Id != former.ProductId))
                    throw new ConflictException(
                        $"The slug '{former.Slug}' is kept as a redirect to another product (it was that product's slug); choose another.", "slug")
                    { SlugKeptAsRedirect = true };
            }
        }
    }
}
