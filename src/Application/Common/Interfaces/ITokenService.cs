namespace Shop.Application.Common.Interfaces;

public sealed record AccessToken(string Token, DateTime ExpiresAt);

/// <summary>Signs short-lived JWT access tokens.</summary>
public interface IAccessTokenIssuer
{
    AccessToken Issue(UserIdentity user);
}

public sealed record StoredRefreshToken(Guid Id, string UserId, Guid FamilyId, DateTime ExpiresAt, bool IsUsed, bool IsRevoked);

/// <summary>Refresh tokens, stored only as hashes. The rotation and reuse rules live in the handlers.</summary>
public interface IRefreshTokenStore
{
    /// <summary>Creates a token in <paramref name="familyId"/>'s chain and returns its raw value (the only time it exists).</summary>
    Task<string> IssueAsync(string userId, Guid familyId, CancellationToken cancellationToken);

    Task<StoredRefreshToken?> FindAsync(string rawToken, CancellationToken cancellationToken);

    /// <summary>Marks the token used; false when another request used it first (atomic).</summary>
    Task<bool> TryMarkUsedAsync(Guid id, CancellationToken cancellationToken);

    Task RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken);

    /// <summary>Revokes every refresh token of the user (each of its chains).</summary>
    Task RevokeUserAsync(string userId, CancellationToken cancellationToken);
}
