using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Shop.Tests.S3;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>Images kept in an S3 bucket (s3rver on loopback): uploaded, served under /media, and removed with their row.</summary>
public sealed class S3MediaTests(string provider) : ApiTestBase(provider)
{
    private S3rver _s3 = null!;

    internal static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    protected override async Task<IReadOnlyDictionary<string, string?>> AppSettingsAsync()
    {
        _s3 = await S3rver.StartAsync();
        return _s3.MediaSettings;
    }

    [OneTimeTearDown]
    public async Task StopS3()
    {
        if (_s3 is not null) await _s3.DisposeAsync();
    }

    internal static async Task<JsonObject> UploadAsync(HttpClient client, string token, int productId)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "photo.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{productId}/images") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return await ReadObjectAsync(response, HttpStatusCode.Created);
    }

    [Test]
    public async Task An_uploaded_image_is_stored_in_the_bucket_and_served_under_media_for_a_year()
    {
        var product = await CreateProductAsync();
        var image = await UploadAsync(Client, StaffToken, IdOf(product));
        var url = image["url"]!.GetValue<string>();

        using var served = await Client.GetAsync(url);
        var key = url["/media/".Length..];
        using var inBucket = await new HttpClient().GetAsync(new Uri(_s3.ServiceUrl, $"{_s3.Bucket}/{key}"));

        Assert.Multiple(async () =>
        {
            Assert.That(url, Does.Match("^/media/products/\\d{4}/\\d{2}/[0-9a-f]{32}\\.png$"));
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await served.Content.ReadAsByteArrayAsync(), Is.EqualTo(Png));
            Assert.That(served.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
            Assert.That(served.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=31536000, immutable"));
            Assert.That(await inBucket.Content.ReadAsByteArrayAsync(), Is.EqualTo(Png), "the object itself, in the bucket");
            Assert.That(Directory.Exists(Factory.MediaRoot) ? Directory.EnumerateFiles(Factory.MediaRoot, "*", SearchOption.AllDirectories) : [], Is.Empty, "nothing on the local disk");
        });
    }

    [Test]
    public async Task Deleting_the_image_removes_the_object_and_its_url_is_404()
    {
        var product = await CreateProductAsync();
        var image = await UploadAsync(Client, StaffToken, IdOf(product));
        var url = image["url"]!.GetValue<string>();

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/products/{IdOf(product)}/images/{IdOf(image)}");
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StaffToken);
        using var deleted = await Client.SendAsync(delete);
        using var served = await Client.GetAsync(url);

        Assert.Multiple(() =>
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [TestCase("/media/products/2026/12/none.png")]
    [TestCase("/media/products/..%2F..%2Fsecret.png")]
    [TestCase("/media/products//a.png")]
    [TestCase("/media/products/a.txt")]
    public async Task Anything_not_stored_is_404(string path)
    {
        using var served = await Client.GetAsync(path);

        Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

/// <summary>
/// With <c>Media:BaseUrl</c>, image URLs point at whatever serves the bucket (here the bucket's own address on the S3
/// server; in production a CDN): in the upload's answer and in the product's detail.
/// </summary>
public sealed class MediaBaseUrlTests(string provider) : ApiTestBase(provider)
{
    private S3rver _s3 = null!;
    private string _baseUrl = "";

    protected override async Task<IReadOnlyDictionary<string, string?>> AppSettingsAsync()
    {
        _s3 = await S3rver.StartAsync();
        _baseUrl = new Uri(_s3.ServiceUrl, _s3.Bucket).AbsoluteUri;
        return new Dictionary<string, string?>(_s3.MediaSettings) { ["Media:BaseUrl"] = _baseUrl + "/" };
    }

    [OneTimeTearDown]
    public async Task StopS3()
    {
        if (_s3 is not null) await _s3.DisposeAsync();
    }

    [Test]
    public async Task Image_urls_start_with_the_base_url_and_the_file_is_there()
    {
        var product = await CreateProductAsync();
        var image = await S3MediaTests.UploadAsync(Client, StaffToken, IdOf(product));
        var url = image["url"]!.GetValue<string>();

        using var detail = await GetAsync($"/api/products/{IdOf(product)}", StaffToken);
        var shown = (await ReadObjectAsync(detail, HttpStatusCode.OK))["images"]!.AsArray().Single()!["url"]!.GetValue<string>();
        using var fromTheBucket = await new HttpClient().GetAsync(url);

        Assert.Multiple(async () =>
        {
            Assert.That(url, Does.Match($"^{_baseUrl}/products/\\d{{4}}/\\d{{2}}/[0-9a-f]{{32}}\\.png$"), "one slash between base and key");
            Assert.That(shown, Is.EqualTo(url));
            Assert.That(await fromTheBucket.Content.ReadAsByteArrayAsync(), Is.EqualTo(S3MediaTests.Png));
        });
    }
}
