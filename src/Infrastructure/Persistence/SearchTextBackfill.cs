using Microsoft.EntityFrameworkCore;
using Shop.Domain.Common;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// Fills the search columns of products written before they existed (migration ProductSearch adds them empty; a name is
/// never empty, so an empty SearchName marks such a row). Runs after migrations are applied, in batches, each its own
/// transaction, so a large catalog is filled without one long lock and an interrupted run just continues next time.
/// Writes only the search columns: the products' versions and updatedAt stay as they were.
/// </summary>
public static class SearchTextBackfill
{
    private const int BatchSize = 500;

    public static async Task<int> RunAsync(ShopDbContext db, CancellationToken ct)
    {
        var filled = 0;
        var after = 0;
        while (true)
        {
            var batch = await db.Products.AsNoTracking()
                .Where(p => p.Id > after && p.SearchName == "")
                .OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.Name, p.Description })
                .Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0) return filled;

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var row in batch)
            {
                var name = SearchText.Normalize(row.Name);
                var text = SearchText.Of(row.Name, row.Description);
                await db.Products.Where(p => p.Id == row.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.SearchName, name).SetProperty(p => p.SearchText, text), ct);
            }
            await transaction.CommitAsync(ct);
            filled += batch.Count;
            after = batch[^1].Id;
        }
    }
}
