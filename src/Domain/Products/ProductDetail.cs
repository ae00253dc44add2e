namespace Shop.Domain.Products;

/// <summary>Rarely-read columns split from the product row (the seed's ProductDetail): the specs JSON object.</summary>
public sealed class ProductDetail
{
    public const int MaxSpecsBytes = 64 * 1024;

    private ProductDetail() { }

    internal ProductDetail(string specsJson) => SpecsJson = specsJson;

    public int ProductId { get; private set; }
    public string SpecsJson { get; internal set; } = "{}";
}
