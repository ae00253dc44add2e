using FluentValidation;
using Shop.Application.Common.Validation;
using Shop.Domain.Categories;

namespace Shop.Application.Categories;

internal static class CategoryRules
{
    public static IRuleBuilderOptions<T, string?> CategoryName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotNull().WithMessage("The name is required.")
            .Must(n => n is null || n.Trim().Length is > 0 and <= Category.NameMaxLength)
            .WithMessage($"The name must be 1 to {Category.NameMaxLength} characters (after trimming).")
            .NoNul();
}
