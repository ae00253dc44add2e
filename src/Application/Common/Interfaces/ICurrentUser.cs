namespace Shop.Application.Common.Interfaces;

/// <summary>Who is calling: decides what a query may show, and is recorded as the author of a change.</summary>
public interface ICurrentUser
{
    /// <summary>The signed-in user's id; null without one (anonymous, the CLI).</summary>
    string? UserId => null;

    string? UserName { get; }

    /// <summary>Staff see hidden products (drafts, archived, inactive) and may write.</summary>
    bool IsStaff { get; }
}
