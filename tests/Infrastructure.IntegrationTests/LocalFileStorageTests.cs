using Microsoft.Extensions.Configuration;
using Shop.Infrastructure.Files;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>The local-folder file storage on the real disk, in a temporary folder of its own.</summary>
public class LocalFileStorageTests
{
    private string _root = "";
    private LocalFileStorage _storage = null!;

    [SetUp]
    public void CreateFolder()
    {
        _root = Path.Combine(Path.GetTempPath(), $"shop-media-{Guid.NewGuid():N}");
        _storage = new LocalFileStorage(new MediaSettings(_root));
    }

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task Save_writes_the_file_under_its_key_and_open_reads_it_back()
    {
        await _storage.SaveAsync("products/2026/11/abc.png", new MemoryStream([1, 2, 3]), CancellationToken.None);

        await using var read = await _storage.OpenReadAsync("products/2026/11/abc.png", CancellationToken.None);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy);
        Assert.Multiple(() =>
        {
            Assert.That(copy.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(File.Exists(Path.Combine(_root, "products", "2026", "11", "abc.png")), Is.True);
        });
    }

    [Test]
    public async Task Delete_removes_the_file_and_is_harmless_when_repeated_or_unknown()
    {
        await _storage.SaveAsync("products/2026/11/abc.png", new MemoryStream([1]), CancellationToken.None);

        await _storage.DeleteAsync("products/2026/11/abc.png", CancellationToken.None);
        await _storage.DeleteAsync("products/2026/11/abc.png", CancellationToken.None);
        await _storage.DeleteAsync("products/1999/01/never.png", CancellationToken.None);

        Assert.That(await _storage.OpenReadAsync("products/2026/11/abc.png", CancellationToken.None), Is.Null);
    }

    [Test]
    public void A_failed_write_leaves_nothing_behind()
    {
        Assert.ThrowsAsync<IOException>(() => _storage.SaveAsync("products/2026/11/half.png", new FailingStream(), CancellationToken.None));

        Assert.That(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories), Is.Empty, "neither the file nor a temporary one");
    }

    [Test]
    public async Task An_existing_key_is_never_overwritten()
    {
        await _storage.SaveAsync("products/2026/11/abc.png", new MemoryStream([1]), CancellationToken.None);

        Assert.ThrowsAsync<IOException>(() => _storage.SaveAsync("products/2026/11/abc.png", new MemoryStream([2]), CancellationToken.None));
        Assert.That(await File.ReadAllBytesAsync(Path.Combine(_root, "products/2026/11/abc.png")), Is.EqualTo(new byte[] { 1 }));
    }

    [TestCase("../outside.png")]
    [TestCase("products/../../outside.png")]
    [TestCase("/etc/passwd")]
    [TestCase("products\\..\\..\\outside.png")]
    [TestCase("products//a.png")]
    [TestCase("./a.png")]
    [TestCase("")]
    public void Keys_that_could_leave_the_root_are_refused(string key)
    {
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => _storage.SaveAsync(key, new MemoryStream([1]), CancellationToken.None));
            Assert.ThrowsAsync<ArgumentException>(() => _storage.DeleteAsync(key, CancellationToken.None));
            Assert.ThrowsAsync<ArgumentException>(() => _storage.OpenReadAsync(key, CancellationToken.None));
        });
        Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(_root)!, "outside.png")), Is.False);
    }

    [Test]
    public void The_root_defaults_to_data_media_under_the_content_root_and_a_relative_one_is_taken_from_there()
    {
        var none = new ConfigurationBuilder().Build();
        var relative = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Media:Root"] = "uploads" }).Build();
        var absolute = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Media:Root"] = "/var/lib/shop/media/" }).Build();

        Assert.Multiple(() =>
        {
            Assert.That(MediaSettings.From(none, "/srv/shop").Root, Is.EqualTo("/srv/shop/data/media"));
            Assert.That(MediaSettings.From(relative, "/srv/shop").Root, Is.EqualTo("/srv/shop/uploads"));
            Assert.That(MediaSettings.From(absolute, "/srv/shop").Root, Is.EqualTo("/var/lib/shop/media"));
        });
    }
}
