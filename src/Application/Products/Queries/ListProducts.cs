using System.Linq.Expressions;
using System.Text.Json;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
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
    DateOnly? CreatedTo = null,
    string? Cursor = null) : IRequest<PagedList<ProductListItemDto>>, IPagedRequest, IProductFilter
{
    /// <summary>The orderings of the API contract, for every caller.</summary>
    public static readonly IReadOnlyList<string> Orderings = ["name", "-name", "price", "-price", "createdAt", "-createdAt"];

    /// <summary>The back-office's columns that only staff may order by (for others every product shares these values).</summary>
    public static readonly IReadOnlyList<string> StaffOnlyOrderings = ["status", "-status", "isActive", "-isActive", "category", "-category"];

    public static readonly IReadOnlyList<string> StaffOrderings = [.. Orderings, .. StaffOnlyOrderings];

    public static readonly string OrderingMessage =
        $"The ordering must be one of: {string.Join(", ", Orderings)} (staff may also use {string.Join(", ", StaffOnlyOrderings)}).";
    public static IReadOnlyList<string> Statuses => ProductFilter.Statuses;
}

public sealed class ListProductsValidator : AbstractValidator<ListProducts>
{
    public ListProductsValidator()
    {
        this.AddPagingRules();
        // Whether the caller is staff is the handler's to know: it refuses the staff-only orderings to others.
        RuleFor(x => x.Ordering).Must(o => o is null || ListProducts.StaffOrderings.Contains(o)).WithMessage(ListProducts.OrderingMessage);
        this.AddProductFilterRules();
        RuleFor(x => x.Cursor).MaximumLength(ProductCursor.MaxLength).WithMessage(ProductCursor.Invalid);
    }
}

public sealed class ListProductsHandler(ICatalogReadStore store, ICurrentUser user, IMapper mapper, ICursorProtector cursors)
    : IRequestHandler<ListProducts, PagedList<ProductListItemDto>>
{
    public async Task<PagedList<ProductListItemDto>> Handle(ListProducts request, CancellationToken cancellationToken)
    {
        // A cursor carries its list's filters and ordering; the request may repeat them, never change them.
        // An empty one (?cursor=) is none.
        var cursor = string.IsNullOrEmpty(request.Cursor) ? null : ProductCursor.Open(cursors, request.Cursor);
        if (cursor is not null) request = cursor.Scope.AppliedTo(request);
        if (!user.IsStaff && ListProducts.StaffOnlyOrderings.Contains(request.Ordering))
            throw new ValidationException("ordering", ListProducts.OrderingMessage);
        var query = store.Matching(user, request, out var words);
        var total = await store.CountAtScaleAsync(query, CountKey(request, words), cancellationToken);
        // Searching without an explicit ordering ranks by relevance: the products whose name holds every word, then the
        // others, each in the default order. A few matches are sorted by rank in one query; many are read as two queries,
        // each walking the ordering's index and stopping at the page instead of sorting every match.
        var relevance = words.Count > 0 && request.Ordering is null;
        var keys = ProductOrdering.Keys(request.Ordering);
        var rank = relevance ? ProductOrdering.Rank(words) : null;
        var split = relevance && total > ICatalogReadStore.ExactCountLimit;
        IQueryable<Product>[] ranks = split
            ? [query.Where(ProductOrdering.NameHasAll(words, negate: false)), query.Where(ProductOrdering.NameHasAll(words, negate: true))]
            : [query];
        // The cursor holds the rank too (first), whether the ranks are one sorted query or two: either reads it back.
        IReadOnlyList<SortKey<Product, ProductListItemDto>> cursorKeys = rank is null ? keys : [rank, .. keys];
        var sorted = split ? keys : cursorKeys;

        // One row more than the page tells whether there is a next one.
        var wanted = request.PageSize + 1;
        var items = new List<ProductListItemDto>(wanted);
        var skip = cursor is null ? request.Skip() : 0;
        for (var i = 0; i < ranks.Length && items.Count < wanted; i++)
        {
            var candidates = ranks[i];
            if (cursor is not null)
            {
                var (done, after) = After(cursor, split ? i : null, sorted);
                if (done) continue;
                if (after is not null) candidates = candidates.Where(after);
            }
            var ordered = candidates.OrderByKeys(sorted);
            var rows = await store.ToListAsync(
                (skip > 0 ? ordered.Skip(skip) : ordered).Take(wanted - items.Count).ProjectTo<ProductListItemDto>(mapper.ConfigurationProvider),
                cancellationToken);
            items.AddRange(rows);
            // This rank ended before the page did: what is left to skip is skipped in the next one.
            if (rows.Count > 0) skip = 0;
            else if (skip > 0) skip -= await store.CountAsync(candidates, cancellationToken);
        }

        var position = cursor?.Position ?? request.Skip();
        string? next = null;
        if (items.Count > request.PageSize)
        {
            items.RemoveAt(request.PageSize);
            var last = items[^1];
            JsonElement[] values = [.. cursorKeys.Select(k => k.ValueOf(last))];
            next = new ProductCursor(ProductListScope.Of(request), values, position + items.Count).Seal(cursors);
        }
        // A cursor's page is numbered by the rows before it, as if the list had not changed since its first page.
        var page = cursor is null ? request.Page : position / request.PageSize + 1;
        return new PagedList<ProductListItemDto>(items, page, request.PageSize, total) { NextCursor = next, ByCursor = cursor is not null };
    }

    /// <summary>
    /// Where a cursor resumes in one query. Split by rank (<paramref name="rankIndex"/>), the cursor's first value is the rank
    /// its row had: earlier ranks are done (skip), its own rank resumes after the row, later ones start from their first row.
    /// </summary>
    private static (bool Done, Expression<Func<Product, bool>>? After) After(
        ProductCursor cursor, int? rankIndex, IReadOnlyList<SortKey<Product, ProductListItemDto>> keys)
    {
        if (rankIndex is not { } index) return (false, Keyset.After(keys, cursor.After) ?? throw Invalid());
        if (cursor.After.Length == 0 || cursor.After[0].ValueKind != JsonValueKind.Number || !cursor.After[0].TryGetInt32(out var cursorRank))
            throw Invalid();
        if (index < cursorRank) return (true, null);
        if (index > cursorRank) return (false, null);
        return (false, Keyset.After(keys, cursor.After[1..]) ?? throw Invalid());
    }

    private static ValidationException Invalid() => new(ProductCursor.Field, ProductCursor.Invalid);

    /// <summary>What the total depends on: the caller's kind and the filters (not the ordering or the page).</summary>
    private string CountKey(ListProducts r, IReadOnlyList<string> words) => string.Join('\u001f', "products", user.IsStaff,
        string.Join(' ', words), r.Category, r.Tag, r.MinPrice, r.MaxPrice, r.Status, r.IsActive, r.CreatedFrom, r.CreatedTo);
}
