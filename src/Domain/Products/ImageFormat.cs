namespace Shop.Domain.Products;

/// <summary>
/// The picture formats a product image may have, recognised by their signature (the file's first bytes)
/// and never by a name or a declared content type, which the uploader controls.
/// </summary>
public sealed class ImageFormat
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs to tell every format apart.</summary>
    public const int SignatureLength = 12;

    public static readonly ImageFormat Jpeg = new("jpg", "image/jpeg");
    public static readonly ImageFormat Png = new("png", "image/png");
    public static readonly ImageFormat Gif = new("gif", "image/gif");
    public static readonly ImageFormat WebP = new("webp", "image/webp");

    public static IReadOnlyList<ImageFormat> All { get; } = [Jpeg, Png, Gif, WebP];

    private ImageFormat(string extension, string contentType)
    {
        Extension = extension;
        ContentType = contentType;
    }

    /// <summary>The file name extension stored files get (without the dot).</summary>
    public string Extension { get; }

    public string ContentType { get; }

    /// <summary>The format whose signature <paramref name="header"/> starts with; null for anything else.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8)) return Gif;
        // RIFF, then a 4-byte chunk size, then the form type.
        if (header.Length >= SignatureLength && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8)) return WebP;
        return null;
    }

    public override string ToString() => ContentType;
}
