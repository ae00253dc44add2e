using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Shop.Application.Common.Models;
using Shop.Domain.Products;

namespace Shop.Application.Products;

/// <summary>
/// What a full write of a product carries — create, replace, each item of a bulk create, each row of an import and
/// the web form all send this — and so obeys one rule set, <see cref="ProductInputValidator"/>. References to other
/// aggregates (the category by id or by slug) are the command's own; the handler resolves them.
/// </summary>
public abstract record ProductInput
{
    public string? Name { get; init; }

    /// <summary>Absent: made from the name on create, kept on replace.</summary>
    public Optional<string> Slug { get; init; }

    public string Description { get; init; } = "";
    public decimal? Price { get; init; }
    public bool IsActive { get; init; } = true;

    /// <summary>Absent: draft on create, kept on replace.</summary>
    public Optional<ProductStatus> Status { get; init; }

    public IReadOnlyList<TagInput> Tags { get; init; } = [];
    public JsonElement Specs { get; init; }

    /// <summary>
    /// Fields the sender could not read at all (a form's "twelve" for a price), by API name, with what is wrong. They
    /// are reported with every other field's refusal, so a form shows all its problems at once; a write with any is
    /// refused. A JSON body never has any: its type errors are answered before a command exists.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> UnreadableFields { get; init; } = new Dictionary<string, string>();
}

/// <summary>A tag to attach to a product, by slug, with its weight.</summary>
public sealed record TagInput
{
    public string? Slug { get; init; }
    public int Weight { get; init; } = 1;
}

/// <summary>The one rule set of a full product write; each command's validator includes it.</summary>
public sealed class ProductInputValidator : AbstractValidator<ProductInput>
{
    public static readonly ProductInputValidator Instance = new();

    public ProductInputValidator()
    {
        RuleFor(x => x.UnreadableFields).Custom((fields, context) =>
        {
            foreach (var (field, message) in fields) context.AddFailure(field, message);
        });
        RuleFor(x => x.Name).ProductName();
        RuleFor(x => x.Description).ProductDescription();
        RuleFor(x => x.Slug.Value).SlugFormat().When(x => x.Slug.IsSet).OverridePropertyName("slug");
        // An unreadable price is already reported as such; "required" would only repeat it.
        RuleFor(x => x.Price).NotNull().WithMessage("The price is required.").When(x => !x.UnreadableFields.ContainsKey("price"));
        RuleFor(x => x.Price!.Value).ProductPrice().When(x => x.Price is not null).OverridePropertyName("price");
        RuleFor(x => x.Status.Value).IsInEnum().When(x => x.Status.IsSet).OverridePropertyName("status");
        RuleFor(x => x.Tags).TagInputs();
        RuleFor(x => x.Specs).SpecsObject();
    }
}
