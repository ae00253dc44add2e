using System.Linq.Expressions;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
using Shop.Application.Common.Validation;
using Shop.Domain.Common;
using Shop.Domain.Products;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.Products.Queries;

/// <summary>
/// Products the caller may see, filtered, ordered (ties broken by newest id, so pages are stable) and paged.
/// For non-staff callers <see cref="Status"/> and <see cref="IsActive"/> only narrow what they may see.
/// </summary>
public sealed record ListProducts(
    string? Search = null,
    string? Category = null,
    string? Tag = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    string? Status = null,
    bool? IsActive = null,
    string? Ordering = null,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize,
    DateOnly? CreatedFrom = null,
    DateOnly? CreatedTo = null) : IRequest<PagedList<ProductListItemDto>>, IPagedRequest
{
    /// <summary>The orderings of the API contract, for every caller.</summary>
    public static readonly IReadOnlyList<string> Orderings = ["name", "-name", "price", "-price", "createdAt", "-createdAt"];

    /// <summary>The back-office's columns that only staff may order by (for others every product shares these values).</summary>
    public static readonly IReadOnlyList<string> StaffOnlyOrderings = ["status", "-status", "isActive", "-isActive", "category", "-category"];

    public static readonly IReadOnlyList<string> StaffOrderings = [.. Orderings, .. StaffOnlyOrderings];

    public static readonly string OrderingMessage =
        $"The ordering must be one of: {string.Join(", ", Orderings)} (staff may also use {string.Join(", ", StaffOnlyOrderings)}).";
    public static readonly IReadOnlyList<string> Statuses = ["draft", "published", "archived"];
}

public sealed class ListProductsValidator : AbstractValidator<ListProducts>
{
    public ListProductsValidator()
    {
        this.AddPagingRules();
        // Whether the caller is staff is the handler's to know: it refuses the staff-only orderings to others.
        RuleFor(x => x.Ordering).Must(o => o is null || ListProducts.StaffOrderings.Contains(o)).WithMessage(ListProducts.OrderingMessage);
        RuleFor(x => x.Status).Must(s => s is null || ListProducts.Statuses.Contains(s))
            .WithMessage($"The status must be one of: {string.Join(", ", ListProducts.Statuses)}.");
        RuleFor(x => x.MinPrice).InclusiveBetween(Price.Min, Price.Max);
        RuleFor(x => x.MaxPrice).InclusiveBetween(Price.Min, Price.Max);
        RuleFor(x => x.MaxPrice).GreaterThanOrEqualTo(x => x.MinPrice).When(x => x.MinPrice is not null && x.MaxPrice is not null)
            .WithMessage("The maxPrice must not be below the minPrice.");
        RuleFor(x => x.Search).MaximumLength(200).NoNul();
        RuleFor(x => x.Category).NoNul();
        RuleFor(x => x.Tag).NoNul();
        RuleFor(x => x.CreatedTo).GreaterThanOrEqualTo(x => x.CreatedFrom).When(x => x.CreatedFrom is not null && x.CreatedTo is not null)
            .WithMessage("The createdTo date must not be before createdFrom.");
    }
}

public sealed class ListProductsHandler(ICatalogReadStore store, ICurrentUser user, IMapper mapper)
    : IRequestHandler<ListProducts, PagedList<ProductListItemDto>>
{
    public async Task<PagedList<ProductListItemDto>> Handle(ListProducts request, CancellationToken cancellationToken)
    {
        if (!user.IsStaff && ListProducts.StaffOnlyOrderings.Contains(request.Ordering))
            throw new ValidationException("ordering", ListProducts.OrderingMessage);
        var words = SearchText.Words(request.Search);
        var query = Filter(store.Matching(store.Products.VisibleTo(user), words), request);
        var total = await store.CountAtScaleAsync(query, CountKey(request, words), cancellationToken);
        // Searching without an explicit ordering ranks by relevance: the products whose name holds every word, then the
        // others, each in the default order. A few matches are sorted by rank in one query; many are read as two queries,
        // each walking the ordering's index and stopping at the page instead of sorting every match.
        var relevance = words.Count > 0 && request.Ordering is null;
        IQueryable<Product>[] ranks = relevance && total > ICatalogReadStore.ExactCountLimit
            ? [query.Where(NameHasAll(words, negate: false)), query.Where(NameHasAll(words, negate: true))]
            : [relevance ? query.OrderBy(NameRank(words)) : query];
        var items = new List<ProductListItemDto>(request.PageSize);
        var skip = request.Skip();
        foreach (var rank in ranks)
        {
            var ordered = Order(rank, request.Ordering, ranked: relevance && ranks.Length == 1);
            var rows = await store.ToListAsync(
                (skip > 0 ? ordered.Skip(skip) : ordered).Take(request.PageSize - items.Count).ProjectTo<ProductListItemDto>(mapper.ConfigurationProvider),
                cancellationToken);
            items.AddRange(rows);
            if (items.Count == request.PageSize) break;
            // This rank ended before the page did: what is left to skip is skipped in the next one.
            if (rows.Count > 0) skip = 0;
            else if (skip > 0) skip -= await store.CountAsync(rank, cancellationToken);
        }
        return new PagedList<ProductListItemDto>(items, request.Page, request.PageSize, total);
    }

    private static IQueryable<Product> Filter(IQueryable<Product> query, ListProducts r)
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

    /// <summary>What the total depends on: the caller's kind and the filters (not the ordering or the page).</summary>
    private string CountKey(ListProducts r, IReadOnlyList<string> words) => string.Join('\u001f', "products", user.IsStaff,
        string.Join(' ', words), r.Category, r.Tag, r.MinPrice, r.MaxPrice, r.Status, r.IsActive, r.CreatedFrom, r.CreatedTo);

    /// <summary>Whether the product's name holds every word (or, negated, not every one: the words are in its description).</summary>
    private static Expression<Func<Product, bool>> NameHasAll(IReadOnlyList<string> words, bool negate)
    {
        var p = Expression.Parameter(typeof(Product), "p");
        Expression all = Expression.Constant(true);
        foreach (var word in words)
        {
            // A captured variable, not a constant, so the word is sent as a parameter.
            Expression<Func<string>> value = () => word;
            all = Expression.AndAlso(all, Expression.Call(Expression.Property(p, nameof(Product.SearchName)), Contains, value.Body));
        }
        return Expression.Lambda<Func<Product, bool>>(negate ? Expression.Not(all) : all, p);
    }

    /// <summary>0 for a product whose name holds every word, else 1.</summary>
    private static Expression<Func<Product, int>> NameRank(IReadOnlyList<string> words)
    {
        var hasAll = NameHasAll(words, negate: false);
        return Expression.Lambda<Func<Product, int>>(
            Expression.Condition(hasAll.Body, Expression.Constant(0), Expression.Constant(1)), hasAll.Parameters);
    }

    private static readonly System.Reflection.MethodInfo Contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    /// <param name="ranked">The query is already ordered by rank: the ordering's keys come after it.</param>
    private static IOrderedQueryable<Product> Order(IQueryable<Product> query, string? ordering, bool ranked = false)
    {
        var field = ordering ?? "-createdAt";
        var descending = field.StartsWith('-');
        var ordered = field.TrimStart('-') switch
        {
            "name" => Sort(query, ranked, p => p.NameKey, descending),
            "price" => Sort(query, ranked, p => p.Price, descending),
            // Alphabetical, as the column shows it (archived, draft, published), whatever the enum's order.
            "status" => Sort(query, ranked, p => p.Status == ProductStatus.Archived ? 0 : p.Status == ProductStatus.Draft ? 1 : 2, descending),
            "isActive" => Sort(query, ranked, p => p.IsActive, descending),
            // By the category's name, products without one after the others (before them when descending).
            "category" => Then(Sort(query, ranked, p => p.Category == null, descending), p => p.Category == null ? "" : p.Category.Name, descending),
            _ => Sort(query, ranked, p => p.CreatedAt, descending),
        };
        return ordered.ThenByDescending(p => p.Id);
    }

    private static IOrderedQueryable<Product> Sort<TKey>(IQueryable<Product> query, bool ranked, Expression<Func<Product, TKey>> key, bool descending) =>
        ranked ? Then((IOrderedQueryable<Product>)query, key, descending)
        : descending ? query.OrderByDescending(key) : query.OrderBy(key);

    private static IOrderedQueryable<Product> Then<TKey>(IOrderedQueryable<Product> query, Expression<Func<Product, TKey>> key, bool descending) =>
        descending ? query.ThenByDescending(key) : query.ThenBy(key);
}
