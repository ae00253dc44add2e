using Shop.Application.Common.Idempotency;

namespace Shop.Application.Common.Interfaces;

/// <summary>
/// Where the answers to requests sent with an <c>Idempotency-Key</c> are kept. The unique index on (scope, key) decides
/// which of several identical requests runs: <see cref="ClaimAsync"/> succeeds for exactly one of them.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Claims the key for a request about to run; when it is held already, answers the entry that holds it.</summary>
    Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, DateTime now, CancellationToken cancellationToken);

    /// <summary>Keeps the answer of the request that claimed the entry, for replays.</summary>
    Task CompleteAsync(long id, StoredAnswer answer, CancellationToken cancellationToken);

    /// <summary>Gives the key up (the request failed with a 5xx or was abandoned), so a retry can run.</summary>
    Task ReleaseAsync(long id, CancellationToken cancellationToken);

    /// <summary>Removes every entry older than <see cref="IdempotencyRules.Lifetime"/>; answers how many.</summary>
    Task<int> RemoveExpiredAsync(DateTime now, CancellationToken cancellationToken);
}
