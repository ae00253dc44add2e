using Shop.Domain.Common;

namespace Shop.Domain.Products;

/// <summary>
/// A copy of an uploaded image made by the server (a thumbnail, a WebP re-encoding), stored beside it under its own
/// key: clients pick the size and format they need. It lives and dies with its image.
/// </summary>
public sealed class ProductImageVariant
{
    public const string Thumbnail = "thumbnail";
    public const string WebP = "webp";

    private ProductImageVariant() { }

    public ProductImageVariant(string name, string path, int width, int height)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(path)) throw new DomainException("A variant needs a name and a stored file.", "file");
        if (width <= 0 || height <= 0) throw new DomainException("A variant has a size.", "file");
        Name = name;
        Path = path;
        Width = width;
        Height = height;
    }

    public string Name { get; private set; } = "";
    public string Path { get; private set; } = "";
    public int Width { get; private set; }
    public int Height { get; private set; }
}
