using Microsoft.Extensions.Logging;
using NetVips;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;

namespace Shop.Infrastructure.Files;

/// <summary>
/// Image copies made with libvips (NetVips): a WebP thumbnail that fits <see cref="ThumbnailSize"/> (shrunk while it
/// decodes, so a large photo never sits whole in memory) and, for originals that are not WebP already, the full
/// picture as WebP. Both are turned upright by their EXIF orientation. An animated GIF gives its first frame.
/// </summary>
public sealed class VipsImageVariants(ILogger<VipsImageVariants> logger) : IImageVariants
{
    public const int ThumbnailSize = 320;

    /// <summary>Above this many pixels a small file can still decode to gigabytes (a "decompression bomb"): no copies.</summary>
    public const long MaxPixels = 50_000_000;

    public IReadOnlyList<ImageVariantFile> Make(byte[] original, string originalExtension)
    {
        try
        {
            using var header = Image.NewFromBuffer(original, access: Enums.Access.Sequential);
            if ((long)header.Width * header.Height > MaxPixels)
            {
                logger.LogWarning("An uploaded image of {Width}×{Height} pixels is kept without copies (over {Max} pixels).", header.Width, header.Height, MaxPixels);
                return [];
            }

            var variants = new List<ImageVariantFile>(2);
            using (var thumbnail = Image.ThumbnailBuffer(original, ThumbnailSize, height: ThumbnailSize, size: Enums.Size.Down))
                variants.Add(new(ProductImageVariant.Thumbnail, ImageFormat.WebP.Extension, thumbnail.Width, thumbnail.Height, thumbnail.WebpsaveBuffer(q: 80)));
            if (originalExtension != ImageFormat.WebP.Extension)
            {
                using var full = Image.NewFromBuffer(original, access: Enums.Access.Sequential);
                using var upright = full.Autorot();
                variants.Add(new(ProductImageVariant.WebP, ImageFormat.WebP.Extension, upright.Width, upright.Height, upright.WebpsaveBuffer(q: 85)));
            }
            return variants;
        }
        catch (VipsException e)
        {
            // The signature matched but the content does not decode (truncated, or only a header): the original is still
            // what was uploaded, and it is kept as before variants existed.
            logger.LogWarning("An uploaded image could not be decoded for its copies: {Reason}", e.Message.Split('\n')[0]);
            return [];
        }
    }
}
