using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Domain.Imports;

namespace Shop.Infrastructure.Persistence;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.ToTable("ImportJobs");
        b.HasKey(j => j.Id);
        b.Property(j => j.FileName).HasMaxLength(200);
        b.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        b.Property(j => j.Message).HasMaxLength(2000);
        // The worker looks for the oldest queued job, and for running ones whose worker went silent.
        b.HasIndex(j => new { j.State, j.Id });
    }
}

/// <summary>An import job's CSV file, apart from the job so that listing jobs never reads files.</summary>
internal sealed class ImportJobFile
{
    public int ImportJobId { get; set; }
    public byte[] Content { get; set; } = [];
}

internal sealed class ImportJobFileConfiguration : IEntityTypeConfiguration<ImportJobFile>
{
    public void Configure(EntityTypeBuilder<ImportJobFile> b)
    {
        b.ToTable("ImportJobFiles");
        b.HasKey(f => f.ImportJobId);
        b.HasOne<ImportJob>().WithOne().HasForeignKey<ImportJobFile>(f => f.ImportJobId).OnDelete(DeleteBehavior.Cascade);
    }
}
