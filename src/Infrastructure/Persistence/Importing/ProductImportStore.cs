using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Application.Common.Interfaces;

namespace Shop.Infrastructure.Persistence.Importing;

/// <summary>
/// Opens an import on the scope's connection: binary COPY into the staging table on PostgreSQL, prepared inserts on
/// SQLite, and the same set-based checks and writes after that (<see cref="ProductImport"/>).
/// </summary>
internal sealed class ProductImportStore(ShopDbContext db) : IProductImportStore
{
    public async Task<IProductImport> BeginAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            ProductImport import = db.Database.GetDbConnection() switch
            {
                NpgsqlConnection pg => new PostgresProductImport(pg, transaction),
                SqliteConnection sqlite => new SqliteProductImport(sqlite, transaction),
                var other => throw new NotSupportedException($"No product import for {other.GetType().Name}."),
            };
            await import.CreateStagingAsync(cancellationToken);
            return import;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
