using Shop.Domain.Products;

namespace Shop.Domain.UnitTests.Products;

public class ImageFormatTests
{
    [TestCase("FF D8 FF E0 00 10 4A 46 49 46 00 01", "image/jpeg", "jpg")]
    [TestCase("FF D8 FF DB", "image/jpeg", "jpg")]
    [TestCase("89 50 4E 47 0D 0A 1A 0A 00 00 00 0D", "image/png", "png")]
    [TestCase("47 49 46 38 37 61 01 00", "image/gif", "gif")] // GIF87a
    [TestCase("47 49 46 38 39 61 01 00", "image/gif", "gif")] // GIF89a
    [TestCase("52 49 46 46 24 00 00 00 57 45 42 50", "image/webp", "webp")] // RIFF....WEBP
    public void Detect_recognises_each_format_by_its_first_bytes(string hex, string contentType, string extension)
    {
        var format = ImageFormat.Detect(Bytes(hex));

        Assert.That(format, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(format!.ContentType, Is.EqualTo(contentType));
            Assert.That(format.Extension, Is.EqualTo(extension));
        });
    }

    [TestCase("", TestName = "empty")]
    [TestCase("FF D8", TestName = "JPEG cut short")]
    [TestCase("89 50 4E 47 0D 0A 1A", TestName = "PNG cut short")]
    [TestCase("89 50 4E 47 0D 0A 1A 0B", TestName = "PNG with one wrong byte")]
    [TestCase("47 49 46 38 38 61", TestName = "GIF88a is no GIF version")]
    [TestCase("52 49 46 46 24 00 00 00 57 41 56 45", TestName = "RIFF WAVE audio")]
    [TestCase("52 49 46 46 24 00 00 00 57 45 42", TestName = "WebP cut short")]
    [TestCase("3C 3F 70 68 70 20 65 63 68 6F", TestName = "PHP source")]
    [TestCase("3C 73 76 67 20 78 6D 6C 6E 73", TestName = "SVG (may carry scripts)")]
    [TestCase("25 50 44 46 2D 31 2E 37", TestName = "PDF")]
    [TestCase("00 FF D8 FF E0", TestName = "JPEG signature not at the start")]
    public void Detect_refuses_anything_else(string hex)
    {
        Assert.That(ImageFormat.Detect(Bytes(hex)), Is.Null);
    }

    [Test]
    public void Every_format_has_a_distinct_extension_and_an_image_content_type()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ImageFormat.All.Select(f => f.Extension), Is.Unique);
            Assert.That(ImageFormat.All.Select(f => f.ContentType), Has.All.StartWith("image/"));
        });
    }

    private static byte[] Bytes(string hex) => hex.Length == 0 ? [] : Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
