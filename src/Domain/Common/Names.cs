namespace Shop.Domain.Common;

/// <summary>Guards shared by every named entity.</summary>
internal static class Names
{
    /// <summary>Trims the name and checks it is 1..maxLength characters.</summary>
    public static string Require(string? name, int maxLength)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw new DomainException("The name must not be empty.", "name");
        if (trimmed.Length > maxLength)
            throw new DomainException($"The name must be at most {maxLength} characters.", "name");
        return trimmed;
    }
}

internal static class Slugs
{
    public static string Require(string slug) =>
        Slug.IsValid(slug) ? slug : throw new DomainException("The slug must be lowercase letters, digits and dashes.", "slug");
}
