namespace Shop.Domain.Products;

public enum ProductStatus
{
    Draft,
    Published,
    Archived,
}

public static class ProductStatusMoves
{
    /// <summary>draft → published, draft → archived, published → archived, archived → draft. Staying put is not a move.</summary>
    public static bool IsAllowed(ProductStatus from, ProductStatus to) =>
        from == to || (from, to) switch
        {
            (ProductStatus.Draft, ProductStatus.Published) => true,
            (ProductStatus.Draft, ProductStatus.Archived) => true,
            (ProductStatus.Published, ProductStatus.Archived) => true,
            (ProductStatus.Archived, ProductStatus.Draft) => true,
            _ => false,
        };

    /// <summary>Why a move that <see cref="IsAllowed"/> refuses is refused, in the words every writer reports.</summary>
    public static string Refusal(ProductStatus from, ProductStatus to) =>
        $"A product cannot move from {from.ToString().ToLowerInvariant()} to {to.ToString().ToLowerInvariant()}.";
}
