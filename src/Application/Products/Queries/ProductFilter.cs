using FluentValidation;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Validation;
using Shop.Domain.Common;
using Shop.Domain.Products;

namespace Shop.Application.Products.Queries;

/// <summary>
/// The product list's filters (<c>GET /api/products</c>), shared by every request that picks products the same way
/// (the list, the bulk price change): one filter language, one set of rules, one translation to a query.
/// </summary>
public interface IProductFilter
{
    string? Search { get; }
    string? Category { get; }
    string? Tag { get; }
    decimal? MinPrice { get; }
    decimal? MaxPrice { get; }
    string? Status { get; }
    bool? IsActive { get; }
    DateOnly? CreatedFrom { get; }
    DateOnly? CreatedTo { get; }
}

public static class ProductFilter
{
    public static readonly IReadOnlyList<string> Statuses = ["draft", "published", "archived"];

    /// <summary>The filters' validation rules, keyed by the filter's name.</summary>
    public static void AddProductFilterRules<T>(this AbstractValidator<T> validator) where T : IProductFilter
    {
        validator.RuleFor(x => x.Status).Must(s => s is null || Statuses.Contains(s))
            .WithMessage($"The status must be one of: {string.Join(", ", Statuses)}.");
        validator.RuleFor(x => x.MinPrice).InclusiveBetween(Price.Min, Price.Max);
        validator.RuleFor(x => x.MaxPrice).InclusiveBetween(Price.Min, Price.Max);
        validator.RuleFor(x => x.MaxPrice).GreaterThanOrEqualTo(x => x.MinPrice).When(x => x.MinPrice is not null && x.MaxPrice is not null)
            .WithMessage("The maxPrice must not be below the minPrice.");
        validator.RuleFor(x => x.Search).MaximumLength(200).NoNul();
        validator.RuleFor(x => x.Category).NoNul();
        validator.RuleFor(x => x.Tag).NoNul();
        validator.RuleFor(x => x.CreatedTo).GreaterThanOrEqualTo(x => x.CreatedFrom).When(x => x.CreatedFrom is not null && x.CreatedTo is not null)
            .WithMessage("The createdTo date must not be before createdFrom.");
    }

    /// <summary>The products the caller may see that pass every filter (the search through the store's text index).</summary>
    public static IQueryable<Product> Matching(this ICatalogReadStore store, ICurrentUser user, IProductFilter filter, out IReadOnlyList<string> words)
    {
        words = SearchText.Words(filter.Search);
        return Apply(store.Matching(store.Products.VisibleTo(user), words), filter);
    }

    private static IQueryable<Product> Apply(IQueryable<Product> query, IProductFilter r)
    {
        if (!string.IsNullOrEmpty(r.Category)) query = query.Where(p => p.Category != null && p.Category.Slug == r.Category);
        if (!string.IsNullOrEmpty(r.Tag)) query = query.Where(p => p.Tags.Any(t => t.Tag.Slug == r.Tag));
        if (r.MinPrice is { } min) query = query.Where(p => p.Price >= min);
        if (r.MaxPrice is { } max) query = query.Where(p => p.Price <= max);
        if (r.Status is not null && Enum.TryParse<ProductStatus>(r.Status, ignoreCase: true, out var status))
            query = query.Where(p => p.Status == status);
        if (r.IsActive is { } active) query = query.Where(p => p.IsActive == active);
        if (r.CreatedFrom is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(p => p.CreatedAt >= start);
        }
        if (r.CreatedTo is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(p => p.CreatedAt < end);
        }
        return query;
    }
}
