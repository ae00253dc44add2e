using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.DataProtection;

/// <summary>
/// Makes the first key of the shared key ring before the server serves, one instance at a time. Left to Data Protection,
/// every instance that starts on an empty ring makes a key of its own at once and keeps using it (it re-reads the ring
/// only every 24 hours), so a cookie, antiforgery token or cursor sealed by one instance would not open on the other.
/// Under PostgreSQL's advisory lock the second instance finds the first one's key and uses it. Later keys need no lock:
/// Data Protection makes each one days before it is used, so every instance has read it by then. On SQLite (one server
/// per database file) there is nobody to race with.
/// </summary>
public static class FirstDataProtectionKey
{
    /// <summary>The advisory lock's number: "ShopKeys" in ASCII.</summary>
    private const long LockId = 0x53686F704B657973;

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var lifetime = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime;
        var clock = services.GetRequiredService<TimeProvider>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var postgres = db.Database.IsNpgsql();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Session-level: the key is written by the key repository's own context, on another connection.
            if (postgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockId})", cancellationToken);
            var now = clock.GetUtcNow();
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
                keys.CreateNewKey(now, now + lifetime);
        }
        finally
        {
            if (postgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockId})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
