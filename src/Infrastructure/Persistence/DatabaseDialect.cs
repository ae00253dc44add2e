using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Shop.Domain.Products;

namespace Shop.Infrastructure.Persistence;

/// <summary>Where the two providers need different mappings for the same rule.</summary>
internal abstract class DatabaseDialect
{
    public static readonly DatabaseDialect Sqlite = new SqliteDialect();
    public static readonly DatabaseDialect Postgres = new PostgresDialect();

    /// <summary>SQL filter of the partial unique index on active product names.</summary>
    public abstract string ActiveProductsFilter { get; }

    public abstract void Apply(ModelBuilder builder);

    /// <summary>A price as the Price column stores it, as an SQL literal (for the range check constraint).</summary>
    public abstract string StoredPrice(decimal price);

    private sealed class SqliteDialect : DatabaseDialect
    {
        public override string ActiveProductsFilter => "\"IsActive\" = 1";

        public override void Apply(ModelBuilder builder)
        {
            // SQLite has no decimal type: money is stored as integer cents, exact and comparable in SQL,
            // so filters, ordering and the atomic price adjustment run in the database.
            builder.Entity<Product>().Property(p => p.Price)
                .HasConversion(new ValueConverter<decimal, long>(v => ToCents(v), v => v / 100m));

            // The search index's triggers (SqliteSearch), declared so EF Core knows the table has them.
            builder.Entity<Product>().ToTable(t =>
            {
                t.HasTrigger(SqliteSearch.InsertTrigger);
                t.HasTrigger(SqliteSearch.UpdateTrigger);
                t.HasTrigger(SqliteSearch.DeleteTrigger);
            });

            // SQLite stores timestamps as text without a zone; they are always written as UTC.
            var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
            var utcNullable = new ValueConverter<DateTime?, DateTime?>(v => v, v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
            {
                if (property.ClrType == typeof(DateTime)) property.SetValueConverter(utc);
                else if (property.ClrType == typeof(DateTime?)) property.SetValueConverter(utcNullable);
            }
        }

        public override string StoredPrice(decimal price) => ToCents(price).ToString(CultureInfo.InvariantCulture);

        private static long ToCents(decimal price) => (long)(price * 100m);
    }

    private sealed class PostgresDialect : DatabaseDialect
    {
        public override string ActiveProductsFilter => "\"IsActive\"";

        public override string StoredPrice(decimal price) => price.ToString(CultureInfo.InvariantCulture);

        public override void Apply(ModelBuilder builder)
        {
            builder.Entity<Product>().Property(p => p.Price).HasPrecision(10, 2);
            // Byte order, like SQLite's: name ordering is the same on both databases.
            builder.Entity<Product>().Property(p => p.NameKey).UseCollation("C");
            // Trigram GIN indexes serve the search's LIKE '%word%' on the normalised columns (words of 3+ characters).
            builder.HasPostgresExtension("pg_trgm");
            builder.Entity<Product>().HasIndex(p => p.SearchName).HasMethod("gin").HasOperators("gin_trgm_ops");
            builder.Entity<Product>().HasIndex(p => p.SearchDescription).HasMethod("gin").HasOperators("gin_trgm_ops");
        }
    }
}
