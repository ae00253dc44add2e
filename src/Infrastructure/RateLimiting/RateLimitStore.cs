using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.RateLimiting;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.RateLimiting;

/// <summary>
/// <see cref="IRateLimitStore"/> on the shop's database, which every instance shares. Each count is one
/// <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c> (PostgreSQL, and SQLite since 3.35): the row lock the upsert takes
/// orders concurrent requests, so there is no read-then-write for two instances to interleave. Each call uses a context
/// of its own, apart from the request's, so a count is committed at once whatever the request does next.
/// </summary>
internal sealed class RateLimitStore(IServiceScopeFactory scopes) : IRateLimitStore
{
    public async Task<RateWindow> CountAsync(string partition, TimeSpan window, DateTime now, CancellationToken cancellationToken)
    {
        if (partition.Length > RateLimitWindowConfiguration.MaxPartitionLength)
            partition = partition[..RateLimitWindowConfiguration.MaxPartitionLength];
        var endsAt = now + window;
        using var services = scopes.CreateScope();
        var db = services.ServiceProvider.GetRequiredService<ShopDbContext>();
        // In DO UPDATE both SETs read the row as it was: an ended window restarts at 1, a running one counts on.
        var rows = await db.Database.SqlQuery<CountedWindow>($"""
            INSERT INTO "RateLimitWindows" ("Partition", "Count", "EndsAt") VALUES ({partition}, 1, {endsAt})
            ON CONFLICT ("Partition") DO UPDATE SET
                "Count" = CASE WHEN "RateLimitWindows"."EndsAt" <= {now} THEN 1 ELSE "RateLimitWindows"."Count" + 1 END,
                "EndsAt" = CASE WHEN "RateLimitWindows"."EndsAt" <= {now} THEN {endsAt} ELSE "RateLimitWindows"."EndsAt" END
            RETURNING "Count", "EndsAt"
            """).ToListAsync(cancellationToken);
        var row = rows.Single();
        return new RateWindow(row.Count, DateTime.SpecifyKind(row.EndsAt, DateTimeKind.Utc));
    }

    public async Task<int> RemoveEndedAsync(DateTime now, CancellationToken cancellationToken)
    {
        using var services = scopes.CreateScope();
        var db = services.ServiceProvider.GetRequiredService<ShopDbContext>();
        return await db.Set<RateLimitWindowEntry>().Where(e => e.EndsAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private sealed class CountedWindow
    {
        public int Count { get; set; }
        public DateTime EndsAt { get; set; }
    }
}
