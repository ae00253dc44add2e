using System.Globalization;
using System.Security.Cryptography;
using Shop.Domain.Products;

namespace Shop.Application.Products;

/// <summary>The rules for a product image's file: how big it may be and the name the server gives it.</summary>
public static class ProductImageFiles
{
    /// <summary>5 MiB: a larger upload is refused (413) as soon as its 5 MiB + 1st byte arrives.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>
    /// The most a whole multipart request for one image may carry: the file plus room for its part headers and the
    /// other fields. Servers stop reading there, whatever the request claims.
    /// </summary>
    public const long MaxRequestBytes = MaxBytes + 64 * 1024;

    /// <summary>
    /// <c>products/yyyy/MM/&lt;random&gt;.&lt;ext&gt;</c>: random, so names are unguessable, never collide and can be
    /// cached forever; the extension comes from the detected format, never from the client's file name.
    /// </summary>
    public static string NewKey(ImageFormat format, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture,
            $"products/{now.UtcDateTime:yyyy}/{now.UtcDateTime:MM}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.{format.Extension}");

    /// <summary>A copy's key, beside its original's: <c>…/&lt;random&gt;-&lt;name&gt;.&lt;ext&gt;</c>.</summary>
    public static string VariantKey(string originalKey, string name, string extension) =>
        $"{originalKey[..originalKey.LastIndexOf('.')]}-{name}.{extension}";
}
