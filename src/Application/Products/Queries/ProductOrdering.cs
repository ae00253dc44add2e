using System.Linq.Expressions;
using Shop.Application.Common.Models;
using Shop.Domain.Common;
using Shop.Domain.Products;

namespace Shop.Application.Products.Queries;

/// <summary>
/// The keys of each list ordering, in the order the database sorts by them, always ending with the newest id (so no two
/// rows tie and pages are stable). The same keys order a page and find where the next one starts (keyset paging), and
/// each reads its value back from a row of the answer.
/// </summary>
internal static class ProductOrdering
{
    public const string Default = "-createdAt";

    public static IReadOnlyList<SortKey<Product, ProductListItemDto>> Keys(string? ordering)
    {
        var field = ordering ?? Default;
        var descending = field.StartsWith('-');
        List<SortKey<Product, ProductListItemDto>> keys = field.TrimStart('-') switch
        {
            // NameKey is what makes names unique (upper-cased): the domain computes it from the name the row carries.
            "name" => [Key(p => p.NameKey, descending, r => Product.NameKeyOf(r.Name))],
            "price" => [Key(p => p.Price, descending, r => r.Price)],
            // Alphabetical, as the column shows it (archived, draft, published), whatever the enum's order.
            "status" => [Key(p => p.Status == ProductStatus.Archived ? 0 : p.Status == ProductStatus.Draft ? 1 : 2, descending,
                r => r.Status == ProductStatus.Archived ? 0 : r.Status == ProductStatus.Draft ? 1 : 2)],
            // As numbers (false 0, true 1): the same order, and comparable with < in every database.
            "isActive" => [Key(p => p.IsActive ? 1 : 0, descending, r => r.IsActive ? 1 : 0)],
            // By the category's name, products without one after the others (before them when descending).
            "category" =>
            [
                Key(p => p.Category == null ? 1 : 0, descending, r => r.Category == null ? 1 : 0),
                Key(p => p.Category == null ? "" : p.Category.Name, descending, r => r.Category == null ? "" : r.Category.Name),
            ],
            _ => [Key(p => p.CreatedAt, descending, r => r.CreatedAt)],
        };
        keys.Add(Key(p => p.Id, descending: true, r => r.Id));
        return keys;
    }

    /// <summary>Relevance: 0 for a product whose name holds every word, else 1 (the words are in its description).</summary>
    public static SortKey<Product, ProductListItemDto> Rank(IReadOnlyList<string> words) =>
        Key(NameRank(words), descending: false, r => NameHasAll(r.Name, words) ? 0 : 1);

    /// <summary>Whether the product's name holds every word (or, negated, not every one), as the database tests it.</summary>
    public static Expression<Func<Product, bool>> NameHasAll(IReadOnlyList<string> words, bool negate)
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

    // SearchName is SearchText.Normalize(Name), written with the name by every writer: the rank of a row of the answer is
    // the same test on its name.
    private static bool NameHasAll(string name, IReadOnlyList<string> words)
    {
        var normalized = SearchText.Normalize(name);
        return words.All(w => normalized.Contains(w, StringComparison.Ordinal));
    }

    private static Expression<Func<Product, int>> NameRank(IReadOnlyList<string> words)
    {
        var hasAll = NameHasAll(words, negate: false);
        return Expression.Lambda<Func<Product, int>>(
            Expression.Condition(hasAll.Body, Expression.Constant(0), Expression.Constant(1)), hasAll.Parameters);
    }

    private static readonly System.Reflection.MethodInfo Contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    private static SortKey<Product, ProductListItemDto, T> Key<T>(Expression<Func<Product, T>> key, bool descending, Func<ProductListItemDto, T> read) =>
        new(key, descending, read);
}
