using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Domain.Categories;
using Shop.Domain.Common;
using Shop.Domain.Tags;

namespace Shop.Infrastructure.Persistence;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.ToTable("Categories");
        b.Property(c => c.Name).HasMaxLength(Category.NameMaxLength).IsRequired();
        b.Property(c => c.Slug).HasMaxLength(Slug.MaxLength).IsRequired();
        b.HasIndex(c => c.Name).IsUnique();
        b.HasIndex(c => c.Slug).IsUnique();
    }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> b)
    {
        b.ToTable("Tags");
        b.Property(t => t.Name).HasMaxLength(Tag.NameMaxLength).IsRequired();
        b.Property(t => t.Slug).HasMaxLength(Slug.MaxLength).IsRequired();
        b.HasIndex(t => t.Name).IsUnique();
        b.HasIndex(t => t.Slug).IsUnique();
    }
}
