using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Idempotency;
using Shop.Application.Common.Interfaces;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Idempotency;

/// <summary>
/// <see cref="IIdempotencyStore"/> on the shop's database. Each call uses a context of its own, apart from the request's:
/// the claim must be committed before the request's own work starts, and the answer kept after that work's transaction.
/// </summary>
internal sealed class IdempotencyStore(IServiceScopeFactory scopes) : IIdempotencyStore
{
    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var services = scopes.CreateScope();
            var db = services.ServiceProvider.GetRequiredService<ShopDbContext>();
            var entry = new IdempotencyKeyEntry { Scope = scope, Key = key, Fingerprint = fingerprint, CreatedAt = now };
            db.Add(entry);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new IdempotencyClaim(entry.Id, null);
            }
            catch (ConflictException)
            {
                // Held already: by a running request, a kept answer, or an entry that expired or was abandoned.
            }
            db.ChangeTracker.Clear();
            var holder = await db.Set<IdempotencyKeyEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Scope == scope && e.Key == key, cancellationToken);
            if (holder is null && attempt < 3) continue;
            if (holder is null) return new IdempotencyClaim(null, null);
            var found = ToEntry(holder);
            if (attempt < 3 && (IdempotencyRules.IsExpired(found, now) || IdempotencyRules.IsAbandoned(found, now)))
            {
                // Only that entry goes (by id): if another request replaced it meanwhile, the next insert finds the new one.
                await db.Set<IdempotencyKeyEntry>().Where(e => e.Id == holder.Id).ExecuteDeleteAsync(cancellationToken);
                continue;
            }
            return new IdempotencyClaim(null, found);
        }
    }

    public async Task CompleteAsync(long id, StoredAnswer answer, CancellationToken cancellationToken)
    {
        using var services = scopes.CreateScope();
        var db = services.ServiceProvider.GetRequiredService<ShopDbContext>();
        var headers = JsonSerializer.Serialize(answer.Headers);
        await db.Set<IdempotencyKeyEntry>().Where(e => e.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.StatusCode, answer.StatusCode)
            .SetProperty(e => e.HeadersJson, headers)
            .SetProperty(e => e.Body, answer.Body), cancellationToken);
    }

    public async Task ReleaseAsync(long id, CancellationToken cancellationToken)
    {
        using var services = scopes.CreateScope();
        var db = services.ServiceProvider.GetRequiredService<ShopDbContext>();
        await db.Set<IdempotencyKeyEntry>().Where(e => e.Id == id && e.StatusCode == null).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<int> RemoveExpiredAsync(DateTime now, CancellationToken cancellationToken)
    {
        using var services = scopes.CreateScope();
        var db = services.ServiceProvider.GetRequiredService<ShopDbContext>();
        var before = now - IdempotencyRules.Lifetime;
        return await db.Set<IdempotencyKeyEntry>().Where(e => e.CreatedAt <= before).ExecuteDeleteAsync(cancellationToken);
    }

    private static IdempotencyEntry ToEntry(IdempotencyKeyEntry row) => new(row.Id, row.Fingerprint, row.CreatedAt,
        row.StatusCode is { } status
            ? new StoredAnswer(status, JsonSerializer.Deserialize<Dictionary<string, string>>(row.HeadersJson ?? "{}") ?? [], row.Body ?? [])
            : null);
}
