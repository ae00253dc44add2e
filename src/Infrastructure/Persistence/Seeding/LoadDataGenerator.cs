using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Shop.Domain.Common;

namespace Shop.Infrastructure.Persistence.Seeding;

/// <summary>
/// Generates N products for load tests as fast as each database allows: binary COPY on PostgreSQL, one
/// transaction of prepared inserts on SQLite. It writes rows directly (not through the commands) because
/// it makes synthetic data only: names and slugs are unique by construction, prices valid, all published.
/// </summary>
public sealed class LoadDataGenerator(ShopDbContext db, TimeProvider clock)
{
    private const int ProgressEvery = 10_000;
    private const string Description = "Generated for load tests.";
    private static readonly string SearchDescription = SearchText.Normalize(Description);

    /// <returns>The prefix of the generated slugs (<c>load-&lt;run&gt;-</c>).</returns>
    public async Task<string> GenerateAsync(int count, IProgress<int> progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var run = Guid.NewGuid().ToString("N")[..8];
        var prefix = $"load-{run}-";
        var categoryIds = await db.Categories.Select(c => c.Id).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // All or nothing: the products and their detail rows commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection pg) await CopyAsync(pg, count, run, prefix, categoryIds, now, progress, ct);
        else await InsertAsync((SqliteConnection)connection, (SqliteTransaction)transaction.GetDbTransaction(), count, run, prefix, categoryIds, now, progress, ct);
        // Every product has its detail row (specs); add them in one set-based statement.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"ProductDetails\" (\"ProductId\", \"SpecsJson\") SELECT \"Id\", '{{}}' FROM \"Products\" WHERE \"Slug\" LIKE {0}",
            [prefix + "%"], ct);
        await transaction.CommitAsync(ct);
        progress.Report(count);
        return prefix;
    }

    private static (string Name, string Slug, decimal Price, int? CategoryId, DateTime CreatedAt) Row(
        int i, string run, string prefix, List<int> categoryIds, DateTime now) =>
        ($"Load {run} product {i:D7}", prefix + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
         (i % 99_999) + 0.99m,
         categoryIds.Count == 0 ? null : categoryIds[i % categoryIds.Count],
         now.AddTicks(-(long)i * 10));

    private static async Task CopyAsync(NpgsqlConnection pg, int count, string run, string prefix, List<int> categoryIds,
        DateTime now, IProgress<int> progress, CancellationToken ct)
    {
        await using var writer = await pg.BeginBinaryImportAsync(
            "COPY \"Products\" (\"Name\", \"NameKey\", \"Slug\", \"Description\", \"Price\", \"IsActive\", \"Status\", " +
            "\"PublishedAt\", \"CreatedAt\", \"UpdatedAt\", \"Version\", \"CategoryId\", \"SearchName\", \"SearchDescription\") FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 1; i <= count; i++)
        {
            var (name, slug, price, categoryId, created) = Row(i, run, prefix, categoryIds, now);
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(name, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(name.ToUpperInvariant(), NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(slug, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(Description, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(price, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
            await writer.WriteAsync("published", NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
            if (categoryId is { } c) await writer.WriteAsync(c, NpgsqlDbType.Integer, ct);
            else await writer.WriteNullAsync(ct);
            await writer.WriteAsync(SearchText.Normalize(name), NpgsqlDbType.Text, ct);
            await writer.WriteAsync(SearchDescription, NpgsqlDbType.Text, ct);
            if (i % ProgressEvery == 0) progress.Report(i);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task InsertAsync(SqliteConnection sqlite, SqliteTransaction tx, int count, string run, string prefix, List<int> categoryIds,
        DateTime now, IProgress<int> progress, CancellationToken ct)
    {
        await using var insert = sqlite.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText =
            "INSERT INTO \"Products\" (\"Name\", \"NameKey\", \"Slug\", \"Description\", \"Price\", \"IsActive\", \"Status\", " +
            "\"PublishedAt\", \"CreatedAt\", \"UpdatedAt\", \"Version\", \"CategoryId\", \"SearchName\", \"SearchDescription\") " +
            "VALUES ($name, $key, $slug, $description, $price, 1, 'published', $at, $at, $at, 1, $category, $searchName, $searchDescription)";
        DbParameter P(string n) => insert.Parameters.Add(new SqliteParameter(n, null));
        var (pName, pKey, pSlug, pPrice, pAt, pCategory) = (P("$name"), P("$key"), P("$slug"), P("$price"), P("$at"), P("$category"));
        var pSearchName = P("$searchName");
        P("$description").Value = Description;
        P("$searchDescription").Value = SearchDescription;
        insert.Prepare();
        for (var i = 1; i <= count; i++)
        {
            var (name, slug, price, categoryId, created) = Row(i, run, prefix, categoryIds, now);
            pName.Value = name;
            pKey.Value = name.ToUpperInvariant();
            pSearchName.Value = SearchText.Normalize(name);
            pSlug.Value = slug;
            pPrice.Value = (long)(price * 100m); // SQLite keeps money as integer cents (see DatabaseDialect)
            pAt.Value = created.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
            pCategory.Value = categoryId is { } c ? c : DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct);
            if (i % ProgressEvery == 0) progress.Report(i);
        }
    }
}
