using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Shop.Domain.Categories;
using Shop.Domain.Imports;
using Shop.Domain.Products;
using Shop.Domain.Tags;
using Shop.Infrastructure.Identity;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// The one database of the shop: catalog and Identity users. Each provider has its own subclass so that
/// each gets its own, separately generated migrations (<see cref="SqliteShopDbContext"/>, <see cref="PostgresShopDbContext"/>).
/// </summary>
public abstract class ShopDbContext(DbContextOptions options, TimeProvider clock)
    : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    /// <summary>Cookie and antiforgery keys, shared by every instance of the app (they are stateless).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Product> Products => Set<Product>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<ProductTag> ProductTags => Set<ProductTag>();
    public DbSet<RefreshTokenEntry> RefreshTokens => Set<RefreshTokenEntry>();
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
        builder.ApplyConfiguration(new CategoryConfiguration());
        builder.ApplyConfiguration(new TagConfiguration());
        builder.ApplyConfiguration(new RefreshTokenConfiguration());
        builder.ApplyConfiguration(new ImportJobConfiguration());
        builder.ApplyConfiguration(new ImportJobFileConfiguration());
        Dialect.Apply(builder);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampChangedProducts();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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

public sealed class SqliteShopDbContext(DbContextOptions<SqliteShopDbContext> options, TimeProvider clock) : ShopDbContext(options, clock)
{
    internal override DatabaseDialect Dialect => DatabaseDialect.Sqlite;
}

public sealed class PostgresShopDbContext(DbContextOptions<PostgresShopDbContext> options, TimeProvider clock) : ShopDbContext(options, clock)
{
    internal override DatabaseDialect Dialect => DatabaseDialect.Postgres;
}
