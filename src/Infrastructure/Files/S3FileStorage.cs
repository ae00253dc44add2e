using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;

namespace Shop.Infrastructure.Files;

/// <summary>
/// <see cref="IFileStorage"/> in an S3-compatible bucket, so that several instances share one set of files. An object
/// appears whole or not at all (a PUT either stores it or not), deleting is idempotent, and each object carries its
/// image content type and a year's cache lifetime, so the bucket or a CDN in front of it (<c>Media:BaseUrl</c>) can
/// serve it as this app would.
/// </summary>
public sealed class S3FileStorage(IAmazonS3 s3, S3StorageSettings settings) : IFileStorage
{
    public const string CacheControl = "public, max-age=31536000, immutable";

    public static IAmazonS3 CreateClient(S3StorageSettings settings)
    {
        var config = new AmazonS3Config
        {
            // Flexible checksums would send aws-chunked bodies with trailers, which S3-compatible servers do not all
            // read; integrity is still checked by the signed payload hash.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.ServiceUrl is { } url)
        {
            config.ServiceURL = url.AbsoluteUri;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        }
        return settings.AccessKey is { } key
            ? new AmazonS3Client(new BasicAWSCredentials(key, settings.SecretKey), config)
            : new AmazonS3Client(config);
    }

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        // The signature covers the body's hash, so the SDK needs to read it twice: uploads are images of at most a few
        // MiB (the caller bounds them), so they are held in memory rather than in a temporary file.
        using var body = new MemoryStream();
        await content.CopyToAsync(body, cancellationToken);
        body.Position = 0;
        var request = new PutObjectRequest
        {
            BucketName = settings.Bucket,
            Key = ObjectKey(key),
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = false,
            ContentType = ContentTypeOf(key),
        };
        request.Headers.CacheControl = CacheControl;
        await s3.PutObjectAsync(request, cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await s3.DeleteObjectAsync(settings.Bucket, ObjectKey(key), cancellationToken);

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetObjectAsync(settings.Bucket, ObjectKey(key), cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private string ObjectKey(string key) => settings.KeyPrefix + StorageKeys.Checked(key);

    private static string ContentTypeOf(string key) =>
        ImageFormat.All.FirstOrDefault(f => key.EndsWith("." + f.Extension, StringComparison.OrdinalIgnoreCase))?.ContentType ?? "application/octet-stream";
}
