using Microsoft.Extensions.Configuration;

namespace Shop.Infrastructure.Files;

/// <summary>Where uploaded files are kept and the address they are shown at (section <c>Media</c>).</summary>
/// <param name="Root">The local folder: <c>Media:Root</c> (<c>Media__Root</c>), else <c>data/media</c> under the content root.</param>
/// <param name="S3">The bucket when <c>Media:Storage</c> is <c>S3</c>; null keeps files in <paramref name="Root"/>.</param>
/// <param name="BaseUrl">
/// <c>Media:BaseUrl</c>: the absolute address image URLs start with (a CDN, or the bucket's public address), when the files
/// are served by something other than this app; null shows them under this app's <c>/media/</c>.
/// </param>
public sealed record MediaSettings(string Root, S3StorageSettings? S3 = null, Uri? BaseUrl = null)
{
    public const string Section = "Media";
    public const string RootKey = "Media:Root";

    /// <summary>What image URLs start with: <see cref="BaseUrl"/> ending in one slash, else <c>/media/</c>.</summary>
    public string UrlPrefix => BaseUrl is null ? "/media/" : BaseUrl.AbsoluteUri.TrimEnd('/') + "/";

    /// <param name="contentRoot">The app's folder; a relative <c>Media:Root</c> is taken from there.</param>
    /// <exception cref="InvalidOperationException">The section names an unknown storage, an S3 storage without a bucket, or a base URL that is not an absolute http(s) address.</exception>
    public static MediaSettings From(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[RootKey];
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(contentRoot, "data", "media")
            : Path.GetFullPath(configured, contentRoot);
        var section = configuration.GetSection(Section);
        return new MediaSettings(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)), StorageOf(section), BaseUrlOf(section["BaseUrl"]));
    }

    private static S3StorageSettings? StorageOf(IConfigurationSection section) => section["Storage"]?.Trim() switch
    {
        null or "" or "Local" or "local" => null,
        "S3" or "s3" => S3StorageSettings.From(section.GetSection("S3")),
        var other => throw new InvalidOperationException($"Media:Storage is '{other}': use Local (the default) or S3."),
    };

    private static Uri? BaseUrlOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
            return uri;
        throw new InvalidOperationException($"Media:BaseUrl is '{value}': it must be an absolute http(s) address without a query, e.g. https://cdn.example.com/media.");
    }
}

/// <summary>
/// An S3-compatible bucket (<c>Media:S3:*</c>). Without <see cref="ServiceUrl"/> the SDK talks to AWS in
/// <see cref="Region"/>; with it, to that server (MinIO, Ceph, s3rver…), addressing the bucket by path.
/// Without keys, the SDK's own chain is used (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, instance roles).
/// </summary>
public sealed record S3StorageSettings(string Bucket, string Region, Uri? ServiceUrl, string? AccessKey, string? SecretKey, string KeyPrefix)
{
    public static S3StorageSettings From(IConfigurationSection s3)
    {
        var bucket = s3["Bucket"]?.Trim();
        if (string.IsNullOrEmpty(bucket)) throw new InvalidOperationException("Media:Storage is S3 but Media:S3:Bucket is not set.");
        Uri? serviceUrl = null;
        if (!string.IsNullOrWhiteSpace(s3["ServiceUrl"]) && !Uri.TryCreate(s3["ServiceUrl"], UriKind.Absolute, out serviceUrl))
            throw new InvalidOperationException($"Media:S3:ServiceUrl is '{s3["ServiceUrl"]}': it must be an absolute address.");
        var accessKey = NullIfBlank(s3["AccessKey"]);
        var secretKey = NullIfBlank(s3["SecretKey"]);
        if ((accessKey is null) != (secretKey is null))
            throw new InvalidOperationException("Media:S3:AccessKey and Media:S3:SecretKey go together: set both, or neither to use the SDK's credential chain.");
        var prefix = (s3["KeyPrefix"] ?? "").Trim('/');
        return new S3StorageSettings(bucket, NullIfBlank(s3["Region"]) ?? "us-east-1", serviceUrl, accessKey, secretKey, prefix.Length == 0 ? "" : prefix + "/");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
