using FluentValidation;

namespace Shop.Application.Common.Validation;

/// <summary>Rules for any text the shop stores or searches with.</summary>
public static class TextRules
{
    /// <summary>
    /// PostgreSQL cannot hold a NUL character in text (SQLite would, so the two would disagree);
    /// no real name, description or search term contains one, so it is refused up front as a 400.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> NoNul<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(s => s is null || !s.Contains('\0')).WithMessage("The text must not contain NUL characters.");
}
