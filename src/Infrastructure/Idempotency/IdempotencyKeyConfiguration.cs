using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Application.Common.Idempotency;

namespace Shop.Infrastructure.Idempotency;

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKeyEntry>
{
    public void Configure(EntityTypeBuilder<IdempotencyKeyEntry> b)
    {
        b.ToTable("IdempotencyKeys");
        b.Property(e => e.Scope).HasMaxLength(64).IsRequired();
        b.Property(e => e.Key).HasMaxLength(IdempotencyRules.MaxKeyLength).IsRequired();
        b.Property(e => e.Fingerprint).HasMaxLength(64).IsRequired();
        // Decides which of several identical requests runs: the one whose insert the index lets in.
        b.HasIndex(e => new { e.Scope, e.Key }).IsUnique();
        b.HasIndex(e => e.CreatedAt);
    }
}
