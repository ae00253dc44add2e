using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products.Queries;
using Shop.Infrastructure.Persistence.Replication;
using Shop.Domain.Categories;
using Shop.Domain.History;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// The query side over EF Core. Its queries run on the database <see cref="CatalogReadDatabase"/> chooses for the scope:
/// the primary, or for anonymous reads (the host's rule) a replica that has caught up; a replica that fails while a query
/// runs is left and the query runs again on the primary, so the replica never costs a caller an error.
/// </summary>
internal sealed class CatalogReadStore(CatalogReadDatabase reads, LargeCounts largeCounts, Files.MediaSettings media) : ICatalogReadStore
{
    private ShopDbContext Db => reads.Context;

    public string MediaUrlPrefix => media.UrlPrefix;

    public IQueryable<Product> Products => Db.Products.AsNoTracking();
    public IQueryable<Category> Categories => Db.Categories.AsNoTracking();
    public IQueryable<Tag> Tags => Db.Tags.AsNoTracking();
    public IQueryable<HistoryEntry> History => Db.History.AsNoTracking();

    public Task<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        RunAsync(query, static (q, ct) => q.ToListAsync(ct), cancellationToken);

    public Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        RunAsync(query, static (q, ct) => q.FirstOrDefaultAsync(ct), cancellationToken);

    public Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        RunAsync(query, static (q, ct) => q.CountAsync(ct), cancellationToken);

    /// <summary>Runs a query where the scope reads; on a replica that fails, once more on the primary.</summary>
    private async Task<TResult> RunAsync<T, TResult>(IQueryable<T> query, Func<IQueryable<T>, CancellationToken, Task<TResult>> execute, CancellationToken cancellationToken)
    {
        try
        {
            return await execute(reads.Current(query), cancellationToken);
        }
        catch (Exception ex) when (reads.IsReplicaFailure(ex, cancellationToken))
        {
            reads.FallBack(ex);
            return await execute(reads.Current(query), cancellationToken);
        }
    }

    public IQueryable<Product> Matching(IQueryable<Product> products, IReadOnlyList<string> words)
    {
        if (words.Count == 0) return products;
        // PostgreSQL's trigram GIN indexes serve the LINQ test with each word as an SQL literal, not a parameter: planned
        // for the actual words, a word in every name is left to the recheck and a rare one drives the index. With parameters,
        // the generic plan of a prepared statement (Npgsql prepares repeated ones) ANDs the index scans of every word: on 1M
        // products a word in every name cost ~430 ms per query. (EF.Constant still sent parameters here; a constant node in the
        // tree is inlined, escaped as LIKE needs it; each search text compiles once into EF Core's bounded query cache.)
        // SQLite looks the longer words up in its FTS5 table.
        if (!Db.Database.IsSqlite()) return products.Where(AnyColumnHoldsEvery(words));
        var indexed = words.Where(SqliteSearch.IsIndexable).ToList();
        if (indexed.Count > 0)
        {
            var ids = Db.Database.SqlQueryRaw<int>(SqliteSearch.MatchSql, SqliteSearch.MatchQuery(indexed));
            products = products.Where(p => ids.Contains(p.Id));
        }
        return SearchWords.ContainedIn(products, words.Where(w => !SqliteSearch.IsIndexable(w)));
    }

    /// <summary>Every word in the name or the description, each word an SQL literal (see <see cref="Matching"/>).</summary>
    private static Expression<Func<Product, bool>> AnyColumnHoldsEvery(IReadOnlyList<string> words)
    {
        var p = Expression.Parameter(typeof(Product), "p");
        Expression all = Expression.Constant(true);
        foreach (var word in words)
        {
            var literal = Expression.Constant(word);
            all = Expression.AndAlso(all, Expression.OrElse(
                Expression.Call(Expression.Property(p, nameof(Product.SearchName)), StringContains, literal),
                Expression.Call(Expression.Property(p, nameof(Product.SearchDescription)), StringContains, literal)));
        }
        return Expression.Lambda<Func<Product, bool>>(all, p);
    }

    private static readonly System.Reflection.MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    public async Task<int> CountAtScaleAsync<T>(IQueryable<T> query, string key, CancellationToken cancellationToken)
    {
        if (largeCounts.TryGet(key, out var remembered)) return remembered;
        try
        {
            // Reads at most limit + 1 matching rows, whatever the table's size.
            var bounded = await CountAsync(query.Take(ICatalogReadStore.ExactCountLimit + 1), cancellationToken);
            if (bounded <= ICatalogReadStore.ExactCountLimit)
            {
                largeCounts.Forget(key);
                return bounded;
            }
            var total = await CountAsync(query, cancellationToken);
            largeCounts.Remember(key, total);
            return total;
        }
        catch
        {
            largeCounts.RecountFailed(key);
            throw;
        }
    }

    // The data reader's rows, one at a time (untracked): memory stays flat whatever the table size. A replica that fails
    // before the first row is left for the primary; once rows have gone out, a failure is the stream's like any other.
    public async IAsyncEnumerable<T> StreamAsync<T>(IQueryable<T> query)
    {
        var rows = reads.Current(query).AsAsyncEnumerable().GetAsyncEnumerator();
        bool more;
        try
        {
            more = await rows.MoveNextAsync();
        }
        catch (Exception ex) when (reads.IsReplicaFailure(ex, CancellationToken.None))
        {
            await rows.DisposeAsync();
            reads.FallBack(ex);
            rows = reads.Current(query).AsAsyncEnumerable().GetAsyncEnumerator();
            more = await rows.MoveNextAsync();
        }
        try
        {
            while (more)
            {
                yield return rows.Current;
                more = await rows.MoveNextAsync();
            }
        }
        finally
        {
            await rows.DisposeAsync();
        }
    }
}

/// <summary>
/// Totals above <see cref="ICatalogReadStore.ExactCountLimit"/>, remembered per list (filters and caller kind) and recounted
/// after a minute. A stale total is recounted by one request while the others keep answering it: when a minute runs out
/// under load, one request pays for the full count instead of every request in flight at once.
/// </summary>
internal sealed class LargeCounts(TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);
    // Past this a total is forgotten (a list nobody asks for any more), so a stuck recount cannot hold it for ever.
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    private sealed class Entry(int count, DateTimeOffset freshUntil)
    {
        public int Count { get; } = count;
        public DateTimeOffset FreshUntil { get; } = freshUntil;
        public int Recounting;
    }

    /// <summary>The remembered total, unless it is stale and this caller is the one to recount it.</summary>
    public bool TryGet(string key, out int count)
    {
        count = 0;
        if (!_cache.TryGetValue(key, out Entry? entry) || entry is null) return false;
        count = entry.Count;
        return clock.GetUtcNow() < entry.FreshUntil || Interlocked.CompareExchange(ref entry.Recounting, 1, 0) != 0;
    }

    public void Remember(string key, int count) =>
        _cache.Set(key, new Entry(count, clock.GetUtcNow() + Fresh), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Kept });

    /// <summary>The list no longer has more than the exact-count limit: its total is counted exactly again.</summary>
    public void Forget(string key) => _cache.Remove(key);

    /// <summary>A recount that failed: the next request tries again.</summary>
    public void RecountFailed(string key)
    {
        if (_cache.TryGetValue(key, out Entry? entry) && entry is not null) Interlocked.Exchange(ref entry.Recounting, 0);
    }

    public void Dispose() => _cache.Dispose();
}

internal sealed class UnitOfWork(ShopDbContext db) : IUnitOfWork
{
    private readonly List<Func<Task>> _afterCommit = [];

    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        // No retrying execution strategy is configured, so the work runs once, here; saves inside it are translated
        // (ConflictException, PreconditionFailedException) by ShopDbContext as any other save.
        // Work inside a transaction already open joins it: it commits (or not) with the outer one.
        if (db.Database.CurrentTransaction is not null) return await work(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        T result;
        try
        {
            result = await work(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            // Disposing rolls back; what is still tracked was never committed and must not be saved later.
            db.ChangeTracker.Clear();
            _afterCommit.Clear();
            throw;
        }
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions) await action();
        return result;
    }

    public void ForgetTracked() => db.ChangeTracker.Clear();

    public Task AfterCommitAsync(Func<Task> action)
    {
        if (db.Database.CurrentTransaction is null) return action();
        _afterCommit.Add(action);
        return Task.CompletedTask;
    }
}
