using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Domain.Common;
using Shop.Domain.Products;

namespace Shop.Infrastructure.Persistence;

internal sealed class ProductConfiguration(DatabaseDialect dialect) : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        // Beside the domain rule, the database itself refuses a price outside the range, whatever writes the row.
        b.ToTable("Products", t => t.HasCheckConstraint("CK_Products_Price",
            $"\"Price\" >= {dialect.StoredPrice(Price.Min)} AND \"Price\" <= {dialect.StoredPrice(Price.Max)}"));
        b.Property(p => p.Name).HasMaxLength(Product.NameMaxLength).IsRequired();
        b.Property(p => p.NameKey).HasMaxLength(Product.NameMaxLength).IsRequired();
        b.Property(p => p.Slug).HasMaxLength(Slug.MaxLength).IsRequired();
        b.Property(p => p.Description).IsRequired();
        // Search compares these (Domain SearchText): every writer fills them, the migration's seeding step back-fills old rows.
        b.Property(p => p.SearchName).IsRequired().HasDefaultValue("");
        b.Property(p => p.SearchDescription).IsRequired().HasDefaultValue("");
        b.Property(p => p.Status).HasMaxLength(16)
            .HasConversion(s => StoredText(s), s => StoredStatus(s));
        b.Property(p => p.Version).IsConcurrencyToken();

        // The name is unique, ignoring case, among active products only; the slug among all.
        b.HasIndex(p => p.NameKey).IsUnique().HasFilter(dialect.ActiveProductsFilter);
        b.HasIndex(p => p.Slug).IsUnique();
        b.HasIndex(p => new { p.CreatedAt, p.Id });
        // Name ordering for every caller (the unique index above holds active products only), and where a name cursor resumes.
        b.HasIndex(p => new { p.NameKey, p.Id });
        b.HasIndex(p => new { p.Status, p.IsActive });
        b.HasIndex(p => p.Price);

        b.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Detail).WithOne().HasForeignKey<ProductDetail>(d => d.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Tags).WithOne(t => t.Product).HasForeignKey(t => t.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Images).WithOne().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Tags).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(p => p.Images).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(p => p.FormerSlugs).WithOne().HasForeignKey(f => f.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.FormerSlugs).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    private static readonly Dictionary<string, ProductStatus> StatusesByName =
        Enum.GetValues<ProductStatus>().ToDictionary(s => s.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>A status as the column stores it (the import's set-based writes store it the same way).</summary>
    internal static string StoredText(ProductStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>
    /// A stored status as the domain reads it. A row written by another tool may hold anything the column allows
    /// (<c>'unknown'</c>, <c>''</c>, <c>'5'</c>): that reads as a draft, which anonymous callers never see and staff can
    /// publish or archive, instead of failing every read that touches the row.
    /// </summary>
    internal static ProductStatus StoredStatus(string stored) =>
        StatusesByName.TryGetValue(stored.Trim(), out var status) ? status : ProductStatus.Draft;
}

internal sealed class ProductDetailConfiguration : IEntityTypeConfiguration<ProductDetail>
{
    public void Configure(EntityTypeBuilder<ProductDetail> b)
    {
        b.ToTable("ProductDetails");
        b.HasKey(d => d.ProductId);
        b.Property(d => d.SpecsJson).IsRequired();
    }
}

internal sealed class ProductTagConfiguration : IEntityTypeConfiguration<ProductTag>
{
    public void Configure(EntityTypeBuilder<ProductTag> b)
    {
        b.ToTable("ProductTags");
        b.HasKey(t => new { t.ProductId, t.TagId });
        b.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.TagId);
    }
}

/// <summary>
/// Old slugs, each held by one product at most (the key): a product's delete takes its old slugs with it, so their links
/// then answer 404 like any unknown slug.
/// </summary>
internal sealed class FormerSlugConfiguration : IEntityTypeConfiguration<FormerSlug>
{
    public void Configure(EntityTypeBuilder<FormerSlug> b)
    {
        b.ToTable("ProductFormerSlugs");
        b.HasKey(f => f.Slug);
        b.Property(f => f.Slug).HasMaxLength(Slug.MaxLength);
        b.HasIndex(f => f.ProductId);
    }
}

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> b)
    {
        b.ToTable("ProductImages");
        b.Property(i => i.Path).HasMaxLength(260).IsRequired();
        b.Property(i => i.Alt).HasMaxLength(ProductImage.AltMaxLength).IsRequired();
        b.HasIndex(i => new { i.ProductId, i.Position });
        b.OwnsMany(i => i.Variants, v =>
        {
            v.ToTable("ProductImageVariants");
            v.WithOwner().HasForeignKey("ImageId");
            v.Property<int>("Id");
            v.HasKey("Id");
            v.Property(x => x.Name).HasMaxLength(20).IsRequired();
            v.Property(x => x.Path).HasMaxLength(260).IsRequired();
        });
        b.Navigation(i => i.Variants).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
