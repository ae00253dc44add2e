namespace Shop.Domain.Products;

/// <summary>
/// A slug a product had before it was renamed. Links to it stay good: the shop answers them with a permanent redirect to
/// the product's current slug. Another product may not take it while it is kept (see <see cref="Product.ChangeSlug"/>).
/// </summary>
public sealed class FormerSlug
{
    private FormerSlug() { }

    internal FormerSlug(string slug) => Slug = slug;

    public string Slug { get; private set; } = "";
    public int ProductId { get; private set; }
}
