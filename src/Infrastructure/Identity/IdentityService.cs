using Microsoft.AspNetCore.Identity;
using Shop.Application.Common.Interfaces;

namespace Shop.Infrastructure.Identity;

internal sealed class IdentityService(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles) : IIdentityService
{
    public async Task<UserIdentity?> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            // Spend the time a real check costs, so response times do not tell which users exist.
            users.PasswordHasher.HashPassword(new IdentityUser(), password);
            return null;
        }
        if (await users.IsLockedOutAsync(user)) return null;
        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return null;
        }
        await users.ResetAccessFailedCountAsync(user);
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

    private async Task<UserIdentity> ToIdentityAsync(IdentityUser user) =>
        new(user.Id, user.UserName ?? "", (await users.GetRolesAsync(user)).ToArray());

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
