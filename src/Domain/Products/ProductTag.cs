using Shop.Domain.Tags;

namespace Shop.Domain.Products;

/// <summary>The link between a product and a tag, with the tag's weight for that product.</summary>
public sealed class ProductTag
{
    public const int MinWeight = 1;
    public const int MaxWeight = 1000;

    private ProductTag() { }

    internal ProductTag(Product product, Tag tag, int weight)
    {
        Product = product;
        Tag = tag;
        TagId = tag.Id;
        Weight = weight;
    }

    public int ProductId { get; private set; }
    public Product Product { get; private set; } = null!;
    public int TagId { get; private set; }
    public Tag Tag { get; private set; } = null!;
    public int Weight { get; internal set; }

    public static bool IsValidWeight(int weight) => weight is >= MinWeight and <= MaxWeight;
}
