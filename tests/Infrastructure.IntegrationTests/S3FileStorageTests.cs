using Amazon.S3;
using Shop.Infrastructure.Files;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Tests.S3;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>The S3 file storage against a real S3-protocol server (s3rver on loopback): what the local storage promises.</summary>
public sealed class S3FileStorageTests
{
    private S3rver _server = null!;
    private IAmazonS3 _client = null!;
    private S3StorageSettings _settings = null!;
    private S3FileStorage _storage = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = await S3rver.StartAsync();
        _settings = new S3StorageSettings(_server.Bucket, "us-east-1", _server.ServiceUrl, S3rver.AccessKey, S3rver.SecretKey, KeyPrefix: "");
        _client = S3FileStorage.CreateClient(_settings);
        _storage = new S3FileStorage(_client, _settings);
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        _client?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }

    private static string NewKey(string extension = "png") => $"products/2026/12/{Guid.NewGuid():N}.{extension}";

    private static async Task<byte[]?> ReadAsync(S3FileStorage storage, string key)
    {
        await using var read = await storage.OpenReadAsync(key, CancellationToken.None);
        if (read is null) return null;
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Test]
    public async Task Save_stores_every_byte_under_its_key_with_the_image_type_and_a_year_of_caching()
    {
        var key = NewKey("webp");
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();

        await _storage.SaveAsync(key, new NonSeekableStream(bytes), CancellationToken.None);

        var metadata = await _client.GetObjectMetadataAsync(_server.Bucket, key);
        Assert.Multiple(async () =>
        {
            Assert.That(await ReadAsync(_storage, key), Is.EqualTo(bytes));
            Assert.That(metadata.Headers.ContentType, Is.EqualTo("image/webp"));
            Assert.That(metadata.Headers.CacheControl, Is.EqualTo(S3FileStorage.CacheControl));
        });
    }

    [Test]
    public async Task Delete_removes_the_object_and_is_harmless_when_repeated_or_unknown()
    {
        var key = NewKey();
        await _storage.SaveAsync(key, new MemoryStream([1, 2, 3]), CancellationToken.None);

        await _storage.DeleteAsync(key, CancellationToken.None);
        await _storage.DeleteAsync(key, CancellationToken.None);
        await _storage.DeleteAsync(NewKey(), CancellationToken.None);

        Assert.That(await ReadAsync(_storage, key), Is.Null);
    }

    [Test]
    public async Task A_key_with_nothing_stored_reads_as_null()
    {
        Assert.That(await ReadAsync(_storage, NewKey()), Is.Null);
    }

    [Test]
    public async Task A_failed_upload_stores_nothing()
    {
        var key = NewKey();

        Assert.ThrowsAsync<IOException>(() => _storage.SaveAsync(key, new FailingStream(), CancellationToken.None));

        Assert.That(await ReadAsync(_storage, key), Is.Null);
    }

    [TestCase("../secret.png")]
    [TestCase("/products/a.png")]
    [TestCase("products//a.png")]
    [TestCase("products/./a.png")]
    [TestCase("products\\a.png")]
    public void Keys_are_checked_as_for_the_local_disk(string key)
    {
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => _storage.SaveAsync(key, new MemoryStream([1]), CancellationToken.None));
            Assert.ThrowsAsync<ArgumentException>(() => _storage.OpenReadAsync(key, CancellationToken.None));
            Assert.ThrowsAsync<ArgumentException>(() => _storage.DeleteAsync(key, CancellationToken.None));
        });
    }

    [Test]
    public async Task A_key_prefix_keeps_the_shop_in_its_own_folder_of_the_bucket()
    {
        var prefixed = new S3FileStorage(_client, _settings with { KeyPrefix = "shop-a/" });
        var key = NewKey();

        await prefixed.SaveAsync(key, new MemoryStream([9]), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await ReadAsync(prefixed, key), Is.EqualTo(new byte[] { 9 }));
            Assert.That(await ReadAsync(_storage, key), Is.Null, "not at the bucket's root");
            Assert.That(await ReadAsync(_storage, "shop-a/" + key), Is.EqualTo(new byte[] { 9 }));
        });
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
