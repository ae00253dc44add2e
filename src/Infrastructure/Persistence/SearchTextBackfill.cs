using Microsoft.EntityFrameworkCore;
using Shop.Domain.Common;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// Fills the search columns of rows written before they existed (the AddSearchText migration adds them empty). It runs
/// as EF Core's seeding step, so every <c>Migrate</c> (the server's start, <c>migrate</c>, <c>dotnet ef database update</c>)
/// fills them right after applying migrations, with the same <see cref="SearchText.Normalize"/> the writers use.
/// </summary>
internal static class SearchTextBackfill
{
    private const int Batch = 1000;

    public static async Task RunAsync(DbContext context, CancellationToken ct)
    {
        // Seeding also runs after a migration to an older target, where the columns do not exist yet.
        if (!(await context.Database.GetAppliedMigrationsAsync(ct)).Any(m => m.EndsWith("_AddSearchText", StringComparison.Ordinal))) return;
        var products = ((ShopDbContext)context).Products;
        var lastId = 0;
        while (true)
        {
            // Every name is non-empty, so an empty SearchName means "not filled yet" (keyed on Id: a name that folds to "" is seen once).
            var rows = await products.AsNoTracking().Where(p => p.Id > lastId && p.SearchName == "")
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.Name, p.Description }).Take(Batch).ToListAsync(ct);
            if (rows.Count == 0) return;
            foreach (var row in rows)
            {
                var name = SearchText.Normalize(row.Name);
                var description = SearchText.Normalize(row.Description);
                await products.Where(p => p.Id == row.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(p => p.SearchName, name).SetProperty(p => p.SearchDescription, description), ct);
            }
            lastId = rows[^1].Id;
        }
    }

    public static void Run(DbContext context) => RunAsync(context, CancellationToken.None).GetAwaiter().GetResult();
}
