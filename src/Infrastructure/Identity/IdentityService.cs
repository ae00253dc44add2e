using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shop.Application.Common.Interfaces;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Identity;

internal sealed class IdentityService(
    UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, ShopDbContext db, FailedSignIns failures, SignInQueue queue, TimeProvider clock) : IIdentityService
{
    public async Task<UserIdentity?> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        // Read without tracking: the lockout bookkeeping below is done by atomic updates, never by saving this copy.
        var normalized = users.NormalizeName(userName);
        var turn = await queue.EnterAsync(normalized, cancellationToken);
        try
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
            var slot = user is null ? default : await failures.TakeAsync(user, cancellationToken);
            if (user?.PasswordHash is null || !slot.Taken)
            {
                // Unknown user, no password, or locked: spend the time a real check costs, so that response times tell
                // none of these apart from a wrong password. Outside the turn: nothing here needs to wait for others.
                turn.Dispose();
                users.PasswordHasher.HashPassword(new IdentityUser(), password);
                return null;
            }
            return await CheckAsync(user, user.PasswordHash, password, slot, cancellationToken);
        }
        finally
        {
            turn.Dispose();
        }
    }

    private async Task<UserIdentity?> CheckAsync(
        IdentityUser user, string hash, string password, FailedSignIns.Slot slot, CancellationToken cancellationToken)
    {
        var verdict = users.PasswordHasher.VerifyHashedPassword(user, hash, password);
        if (verdict == PasswordVerificationResult.Failed) return null; // the slot taken above counted the failure
        await failures.ForgiveAsync(user, slot, cancellationToken);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = users.PasswordHasher.HashPassword(user, password);
            await db.Users.Where(u => u.Id == user.Id && u.PasswordHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, rehashed), cancellationToken);
        }
        return await ToIdentityAsync(user);
    }

    public async Task<UserIdentity?> FindActiveAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user)) return null;
        return await ToIdentityAsync(user);
    }

    public async Task<IReadOnlyDictionary<string, string[]>> CreateUserAsync(
        string userName, string email, string password, IReadOnlyCollection<string> roleNames, CancellationToken cancellationToken)
    {
        var user = new IdentityUser { UserName = userName, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return Errors(created);
        foreach (var role in roleNames)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
        var added = await users.AddToRolesAsync(user, roleNames);
        return added.Succeeded ? new Dictionary<string, string[]>() : Errors(added);
    }

    public async Task<bool> IsSessionCurrentAsync(string userId, string securityStamp, CancellationToken cancellationToken)
    {
        if (securityStamp.Length == 0) return false;
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId).Select(u => new { u.SecurityStamp, u.LockoutEnd }).SingleOrDefaultAsync(cancellationToken);
        return user is not null && user.SecurityStamp == securityStamp && !(user.LockoutEnd > clock.GetUtcNow());
    }

    public Task EndSessionsAsync(string userId, CancellationToken cancellationToken)
    {
        // One atomic update instead of UserManager.UpdateSecurityStampAsync: two sign-outs at once must not fail on the
        // concurrency stamp.
        var stamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        var concurrency = Guid.NewGuid().ToString();
        return db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp).SetProperty(u => u.ConcurrencyStamp, concurrency), cancellationToken);
    }

    private async Task<UserIdentity> ToIdentityAsync(IdentityUser user) =>
        new(user.Id, user.UserName ?? "", (await users.GetRolesAsync(user)).ToArray()) { SecurityStamp = user.SecurityStamp ?? "" };

    private static Dictionary<string, string[]> Errors(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code switch
            {
                _ when e.Code.StartsWith("Password", StringComparison.Ordinal) => "password",
                _ when e.Code.Contains("Email", StringComparison.Ordinal) => "email",
                _ when e.Code.Contains("UserName", StringComparison.Ordinal) => "username",
                _ => "",
            }, e => e.Description)
            .ToDictionary(g => g.Key, g => g.ToArray());
}
