using Shop.Domain.Products;

namespace Shop.Application.Products.Queries;

/// <summary>The search rule as a query: every word, in any order, in the normalised name or description.</summary>
public static class SearchWords
{
    /// <summary>
    /// Contains is a literal substring test, compared as <c>SearchText.Normalize</c> wrote the columns (accents, case);
    /// LIKE's wildcards in a word are escaped by the provider.
    /// </summary>
    public static IQueryable<Product> ContainedIn(IQueryable<Product> products, IEnumerable<string> words)
    {
        foreach (var word in words)
            products = products.Where(p => p.SearchName.Contains(word) || p.SearchDescription.Contains(word));
        return products;
    }
}
