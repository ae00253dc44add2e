using Microsoft.EntityFrameworkCore;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Categories;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Infrastructure.Persistence;

internal sealed class CatalogReadStore(ShopDbContext db) : ICatalogReadStore
{
    public IQueryable<Product> Products => db.Products.AsNoTracking();
    public IQueryable<Category> Categories => db.Categories.AsNoTracking();
    public IQueryable<Tag> Tags => db.Tags.AsNoTracking();

    public Task<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) => query.ToListAsync(cancellationToken);

    public Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) => query.FirstOrDefaultAsync(cancellationToken);

    public Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) => query.CountAsync(cancellationToken);

    // The data reader's rows, one at a time (untracked): memory stays flat whatever the table size.
    public IAsyncEnumerable<T> StreamAsync<T>(IQueryable<T> query) => query.AsAsyncEnumerable();
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
