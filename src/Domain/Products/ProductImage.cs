namespace Shop.Domain.Products;

/// <summary>An uploaded picture of a product; <see cref="Path"/> is the storage key chosen by the server.</summary>
public sealed class ProductImage
{
    public const int AltMaxLength = 120;

    private ProductImage() { }

    internal ProductImage(string path, string alt, int position)
    {
        Path = path;
        Alt = alt;
        Position = position;
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }
    public string Path { get; private set; } = "";
    public string Alt { get; private set; } = "";
    public int Position { get; private set; }
}
