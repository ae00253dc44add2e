using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Categories;
using Shop.Domain.History;
using Shop.Domain.Imports;
using Shop.Domain.Products;
using Shop.Domain.Tags;
using Shop.Infrastructure.Identity;
using Shop.Infrastructure.Persistence.History;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// The one database of the shop: catalog and Identity users. Each provider has its own subclass so that
/// each gets its own, separately generated migrations (<see cref="SqliteShopDbContext"/>, <see cref="PostgresShopDbContext"/>).
/// </summary>
/// <remarks>
/// Every save that writes a product (with its specs, tags, images), a category or a tag records what changed in
/// <see cref="History"/>, in the same transaction (<see cref="TrackedHistory"/>); <paramref name="user"/> is who did it,
/// none for the CLI. Set-based writes, which the change tracker never sees, record theirs through <see cref="IChangeHistory"/>.
/// </remarks>
public abstract class ShopDbContext(DbContextOptions options, TimeProvider clock, ICurrentUser? user)
    : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    /// <summary>Cookie and antiforgery keys, shared by every instance of the app (they are stateless).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Product> Products => Set<Product>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<ProductTag> ProductTags => Set<ProductTag>();
    public DbSet<FormerSlug> FormerSlugs => Set<FormerSlug>();
    public DbSet<RefreshTokenEntry> RefreshTokens => Set<RefreshTokenEntry>();
    public DbSet<HistoryEntry> History => Set<HistoryEntry>();

    /// <summary>Who the history names as the author of this context's writes.</summary>
    internal ChangeAuthor Author => user?.UserId is null && user?.UserName is null ? ChangeAuthor.System : new ChangeAuthor(user.UserId, user.UserName);
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    internal DbSet<ImportJobFile> ImportJobFiles => Set<ImportJobFile>();

    /// <summary>The few mapping details where SQLite and PostgreSQL differ.</summary>
    internal abstract DatabaseDialect Dialect { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new ProductConfiguration(Dialect));
        builder.ApplyConfiguration(new ProductDetailConfiguration());
        builder.ApplyConfiguration(new ProductTagConfiguration());
        builder.ApplyConfiguration(new ProductImageConfiguration());
        builder.ApplyConfiguration(new FormerSlugConfiguration());
        builder.ApplyConfiguration(new Idempotency.IdempotencyKeyConfiguration());
        builder.ApplyConfiguration(new RateLimiting.RateLimitWindowConfiguration());
        builder.ApplyConfiguration(new CategoryConfiguration());
        builder.ApplyConfiguration(new TagConfiguration());
        builder.ApplyConfiguration(new RefreshTokenConfiguration());
        builder.ApplyConfiguration(new HistoryEntryConfiguration());
        builder.ApplyConfiguration(new ImportJobConfiguration());
        builder.ApplyConfiguration(new ImportJobFileConfiguration());
        Dialect.Apply(builder);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampChangedProducts();
        if (!TrackedHistory.HasCatalogChanges(ChangeTracker)) return await SaveTranslatedAsync(acceptAllChangesOnSuccess, cancellationToken);

        // The history needs the ids the database generates and the values from before the save: the rows are written
        // first without accepting the changes, the history is read from the tracker, then written, in one transaction.
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var written = await SaveTranslatedAsync(false, cancellationToken);
            var entries = TrackedHistory.Read(ChangeTracker, clock.GetUtcNow().UtcDateTime, Author);
            ChangeTracker.AcceptAllChanges();
            History.AddRange(entries);
            await SaveTranslatedAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private async Task<int> SaveTranslatedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        try
        {
            var slugsTaken = FormerSlugRule.SlugsTaken(ChangeTracker);
            if (slugsTaken.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            return await FormerSlugRule.SaveCheckingAsync(this, slugsTaken,
                ct => base.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct), acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Every product whose row or owned parts (detail, tag links, images) changed gets a new
    /// <see cref="Product.UpdatedAt"/> and <see cref="Product.Version"/> in the same save.
    /// </summary>
    private void StampChangedProducts()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = new HashSet<Product>(ReferenceEqualityComparer.Instance);
        // The unchanged products are indexed once, on the first changed part: looking the owner up among all tracked
        // entries per part made a batch of 1000 new products (each with a detail and tag links) quadratic.
        Dictionary<int, Product>? unchangedProducts = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Added or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Product p when entry.State == EntityState.Modified:
                    changed.Add(p);
                    break;
                case ProductTag or ProductDetail or ProductImage:
                    var productId = (int)entry.Property("ProductId").CurrentValue!;
                    unchangedProducts ??= ChangeTracker.Entries<Product>().Where(e => e.State == EntityState.Unchanged)
                        .ToDictionary(e => e.Entity.Id, e => e.Entity);
                    if (unchangedProducts.TryGetValue(productId, out var owner)) changed.Add(owner);
                    break;
            }
        }
        foreach (var product in changed) product.MarkUpdated(now);
    }
}

public sealed class SqliteShopDbContext(DbContextOptions<SqliteShopDbContext> options, TimeProvider clock, ICurrentUser? user = null)
    : ShopDbContext(options, clock, user)
{
    internal override DatabaseDialect Dialect => DatabaseDialect.Sqlite;
}

public sealed class PostgresShopDbContext(DbContextOptions<PostgresShopDbContext> options, TimeProvider clock, ICurrentUser? user = null)
    : ShopDbContext(options, clock, user)
{
    internal override DatabaseDialect Dialect => DatabaseDialect.Postgres;
}
