using FluentValidation;
using Shop.Application.Common.Validation;
using Shop.Domain.Tags;

namespace Shop.Application.Tags;

internal static class TagRules
{
    public static IRuleBuilderOptions<T, string?> TagName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotNull().WithMessage("The name is required.")
            .Must(n => n is null || n.Trim().Length is > 0 and <= Tag.NameMaxLength)
            .WithMessage($"The name must be 1 to {Tag.NameMaxLength} characters (after trimming).")
            .NoNul();
}
