namespace Shop.Domain.Products;

/// <summary>An uploaded picture of a product; <see cref="Path"/> is the storage key chosen by the server.</summary>
public sealed class ProductImage
{
    public const int AltMaxLength = 120;

    private readonly List<ProductImageVariant> _variants = [];

    private ProductImage() { }

    internal ProductImage(string path, string alt, int position, IEnumerable<ProductImageVariant> variants)
    {
        Path = path;
        Alt = alt;
        Position = position;
        _variants.AddRange(variants);
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }
    public string Path { get; private set; } = "";
    public string Alt { get; private set; } = "";
    public int Position { get; private set; }

    /// <summary>The copies made on upload (none for an image stored before variants existed, or one that could not be decoded).</summary>
    public IReadOnlyList<ProductImageVariant> Variants => _variants.AsReadOnly();

    /// <summary>Every stored file of this image: what has to go when it goes.</summary>
    public IEnumerable<string> Files => [Path, .. _variants.Select(v => v.Path)];
}
