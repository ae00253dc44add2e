using Shop.Application.Common.Interfaces;

namespace Shop.Application.UnitTests.Support;

internal sealed record TestUser(string? UserName, bool IsStaff) : ICurrentUser
{
    public static readonly TestUser Anonymous = new(null, false);
    public static readonly TestUser Customer = new("alice", false);
    public static readonly TestUser Staff = new("admin", true);
}
