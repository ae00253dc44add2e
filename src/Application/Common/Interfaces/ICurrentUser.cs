namespace Shop.Application.Common.Interfaces;

/// <summary>Who is calling: decides what a query may show.</summary>
public interface ICurrentUser
{
    string? UserName { get; }

    /// <summary>Staff see hidden products (drafts, archived, inactive) and may write.</summary>
    bool IsStaff { get; }
}
