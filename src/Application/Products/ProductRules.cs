using System.Text.Json;
using FluentValidation;
using Shop.Application.Common.Models;
using Shop.Application.Common.Validation;
using Shop.Domain.Products;
using DomainSlug = Shop.Domain.Common.Slug;

namespace Shop.Application.Products;

/// <summary>
/// Each product field's rule, declared once: <see cref="ProductInputValidator"/> applies them to a full write, a patch to
/// the fields it carries. Where the domain owns the rule, the message is the domain's.
/// </summary>
public static class ProductRules
{
    public static IRuleBuilderOptions<T, string?> ProductName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotNull().WithMessage("The name is required.")
            .Must(n => n is null || n.Trim().Length is > 0 and <= Product.NameMaxLength)
            .WithMessage($"The name must be 1 to {Product.NameMaxLength} characters (after trimming).")
            .NoNul();

    public static IRuleBuilderOptions<T, string?> ProductDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Product.DescriptionMaxLength)
            .WithMessage($"The description must be at most {Product.DescriptionMaxLength} characters.")
            .NoNul();

    public static IRuleBuilderOptions<T, string?> SlugFormat<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(DomainSlug.IsValid)
            .WithMessage($"The slug must be lowercase letters, digits and dashes, at most {DomainSlug.MaxLength} characters.");

    public static IRuleBuilderOptions<T, decimal> ProductPrice<T>(this IRuleBuilder<T, decimal> rule) =>
        rule.Must(Price.IsValid).WithMessage($"The price must be between {Price.Min} and {Price.Max} with at most 2 decimals.");

    /// <summary>Absent (undefined) specs pass: they mean <c>{}</c>.</summary>
    public static IRuleBuilderOptions<T, JsonElement> SpecsObject<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Must(s => SpecsProblem(s) is null).WithMessage((_, s) => SpecsProblem(s)!);

    public static IRuleBuilderOptions<T, IEnumerable<TagInput>> TagInputs<T>(this IRuleBuilder<T, IReadOnlyList<TagInput>> rule) =>
        rule.Must(tags => tags.Where(t => t?.Slug is not null).Select(t => t.Slug).Distinct(StringComparer.Ordinal).Count()
                          == tags.Count(t => t?.Slug is not null))
            .WithMessage("A tag may be given only once.")
            .ForEach(tag => tag
                .NotNull().WithMessage("A tag must be an object {slug, weight}.")
                .ChildRules(t =>
                {
                    t.RuleFor(x => x.Slug).NotEmpty().WithMessage("The tag slug is required.").NoNul();
                    t.RuleFor(x => x.Weight).InclusiveBetween(ProductTag.MinWeight, ProductTag.MaxWeight)
                        .WithMessage($"The weight must be between {ProductTag.MinWeight} and {ProductTag.MaxWeight}.");
                }));

    /// <summary>The specs as stored: the object's JSON text, or <c>{}</c> when none was given.</summary>
    public static string SpecsText(JsonElement specs) =>
        specs.ValueKind == JsonValueKind.Undefined ? "{}" : specs.GetRawText();

    private static string? SpecsProblem(JsonElement specs) =>
        specs.ValueKind == JsonValueKind.Undefined ? null : ProductDetail.SpecsProblem(specs.GetRawText());

    public static void AddOptionalRules<T>(this AbstractValidator<T> v, Func<T, Optional<string>> slug)
    {
        v.RuleFor(x => slug(x).Value).SlugFormat().When(x => slug(x).IsSet).OverridePropertyName("slug");
    }
}
