using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Domain.History;

namespace Shop.Infrastructure.Persistence;

internal sealed class HistoryEntryConfiguration : IEntityTypeConfiguration<HistoryEntry>
{
    public void Configure(EntityTypeBuilder<HistoryEntry> b)
    {
        // No foreign key to the row it describes: a deleted product's (category's, tag's) history stays.
        b.ToTable("ChangeHistory");
        b.Property(h => h.EntityType).HasMaxLength(16).IsRequired();
        b.Property(h => h.Action).HasMaxLength(32).IsRequired();
        b.Property(h => h.UserId).HasMaxLength(450);
        b.Property(h => h.UserName).HasMaxLength(256);
        b.Property(h => h.Source).HasMaxLength(64);
        b.Property(h => h.ChangesJson).IsRequired();
        // One row's history, newest first: the index serves the filter, the order and the tie-break.
        b.HasIndex(h => new { h.EntityType, h.EntityId, h.At, h.Id });
    }
}
