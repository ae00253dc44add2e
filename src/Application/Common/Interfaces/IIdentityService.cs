namespace Shop.Application.Common.Interfaces;

public sealed record UserIdentity(string Id, string UserName, IReadOnlyList<string> Roles)
{
    /// <summary>Changes whenever the user's sessions must end (sign-out, new password); a session carries the one it began with.</summary>
    public string SecurityStamp { get; init; } = "";
}

/// <summary>The user store (ASP.NET Core Identity behind it): password rules, hashing and lockout live there.</summary>
public interface IIdentityService
{
    /// <summary>
    /// The user when the password is right and the account is not locked out; otherwise null, counting a
    /// failed attempt towards lockout. Unknown users and wrong passwords are indistinguishable.
    /// </summary>
    Task<UserIdentity?> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken);

    /// <summary>The user if it still exists and may sign in (not locked out).</summary>
    Task<UserIdentity?> FindActiveAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a session that began with <paramref name="securityStamp"/> is still good: the user exists, is not locked
    /// out, and has not ended its sessions since.
    /// </summary>
    Task<bool> IsSessionCurrentAsync(string userId, string securityStamp, CancellationToken cancellationToken);

    /// <summary>Gives the user a new security stamp, so that every session (sign-in cookie) it has ends.</summary>
    Task EndSessionsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Creates a user; the returned errors (keyed by field) are empty on success.</summary>
    Task<IReadOnlyDictionary<string, string[]>> CreateUserAsync(
        string userName, string email, string password, IReadOnlyCollection<string> roles, CancellationToken cancellationToken);
}
