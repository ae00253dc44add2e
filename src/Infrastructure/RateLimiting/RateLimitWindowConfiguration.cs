using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Infrastructure.RateLimiting;

internal sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindowEntry>
{
    public const int MaxPartitionLength = 128;

    public void Configure(EntityTypeBuilder<RateLimitWindowEntry> b)
    {
        b.ToTable("RateLimitWindows");
        // The key is what the upsert conflicts on: one row per partition, whichever instance counts first.
        b.HasKey(e => e.Partition);
        b.Property(e => e.Partition).HasMaxLength(MaxPartitionLength);
        b.HasIndex(e => e.EndsAt);
    }
}
