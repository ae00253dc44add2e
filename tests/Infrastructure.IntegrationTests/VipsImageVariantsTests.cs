using Microsoft.Extensions.Logging.Abstractions;
using NetVips;
using Shop.Domain.Products;
using Shop.Infrastructure.Files;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>The copies libvips makes of an upload: sizes, formats, and what it refuses to decode.</summary>
public sealed class VipsImageVariantsTests
{
    private readonly VipsImageVariants _variants = new(NullLogger<VipsImageVariants>.Instance);

    private static byte[] Picture(int width, int height, string format)
    {
        using var image = (Image.Black(width, height, bands: 3) + new double[] { 200, 120, 40 }).Cast(Enums.BandFormat.Uchar);
        return image.WriteToBuffer("." + format);
    }

    private static (int Width, int Height, string Format) Read(byte[] file)
    {
        using var image = Image.NewFromBuffer(file);
        return (image.Width, image.Height, (string)image.Get("vips-loader"));
    }

    [Test]
    public void A_jpeg_gets_a_webp_thumbnail_that_fits_320_and_the_whole_picture_as_webp()
    {
        var copies = _variants.Make(Picture(1600, 900, "jpg"), "jpg");

        Assert.Multiple(() =>
        {
            Assert.That(copies.Select(c => (c.Name, c.Extension, c.Width, c.Height)), Is.EqualTo(new[]
            {
                (ProductImageVariant.Thumbnail, "webp", 320, 180),
                (ProductImageVariant.WebP, "webp", 1600, 900),
            }));
            Assert.That(Read(copies[0].Content), Is.EqualTo((320, 180, "webpload_buffer")), "the bytes are what the record says");
            Assert.That(Read(copies[1].Content), Is.EqualTo((1600, 900, "webpload_buffer")));
        });
    }

    [Test]
    public void A_small_picture_is_not_enlarged()
    {
        var copies = _variants.Make(Picture(40, 30, "png"), "png");

        Assert.That((copies[0].Width, copies[0].Height), Is.EqualTo((40, 30)));
    }

    [Test]
    public void A_webp_original_gets_only_its_thumbnail()
    {
        var copies = _variants.Make(Picture(640, 640, "webp"), "webp");

        Assert.That(copies.Select(c => (c.Name, c.Width, c.Height)), Is.EqualTo(new[] { (ProductImageVariant.Thumbnail, 320, 320) }));
    }

    [Test]
    public void Content_that_does_not_decode_gets_no_copies()
    {
        var signatureOnly = Convert.FromHexString("89504E470D0A1A0A0000000D49484452");

        Assert.That(_variants.Make(signatureOnly, "png"), Is.Empty);
    }

    [Test]
    public void A_picture_of_more_than_50_megapixels_gets_no_copies()
    {
        var huge = Picture(10_000, 5_001, "png");

        Assert.That(_variants.Make(huge, "png"), Is.Empty);
    }
}
