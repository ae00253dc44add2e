namespace Shop.Application.Common.Interfaces;

/// <summary>One copy of an uploaded image, encoded and ready to store.</summary>
/// <param name="Name">What it is for (<c>thumbnail</c>, <c>webp</c>), as the image DTO lists it.</param>
/// <param name="Extension">The file extension of its encoding, without the dot.</param>
public sealed record ImageVariantFile(string Name, string Extension, int Width, int Height, byte[] Content);

/// <summary>Makes the copies of an uploaded image that clients may want instead of the original.</summary>
public interface IImageVariants
{
    /// <summary>
    /// The copies of <paramref name="original"/> (an image whose type was recognised by its signature). An image that
    /// cannot be decoded, or too large to decode safely, has none: the original is kept and shown as it is.
    /// </summary>
    IReadOnlyList<ImageVariantFile> Make(byte[] original, string originalExtension);
}
