using MediatR;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Products;

namespace Shop.Application.UnitTests.Products;

public class AddProductImageHandlerTests
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private readonly Mock<IProductRepository> _products = new();
    private readonly Mock<IFileStorage> _storage = new();
    private readonly Mock<IImageVariants> _variants = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = UnitOfWorkMock.Create();
    private readonly Product _product = A.Product.WithId(1);

    /// <summary>What the storage received: key → the bytes it read.</summary>
    private readonly Dictionary<string, byte[]> _saved = [];

    [SetUp]
    public void StoreReadsWhatItIsGiven()
    {
        _products.Setup(r => r.GetAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(_product);
        _variants.Setup(v => v.Make(It.IsAny<byte[]>(), It.IsAny<string>())).Returns([]);
        _storage.Setup(s => s.SaveAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Returns(async (string key, Stream content, CancellationToken ct) =>
            {
                using var copy = new MemoryStream();
                await content.CopyToAsync(copy, ct);
                _saved[key] = copy.ToArray();
            });
    }

    private AddProductImageHandler Handler() => new(
        _products.Object, _storage.Object, _variants.Object, _unitOfWork.Object, new InMemoryCatalogReadStore().With(_product), TestMapper.Instance, new FixedClock(), NullLogger<AddProductImageHandler>.Instance);

    private static AddProductImage Upload(Stream file, string? alt = "front", int position = 0) =>
        new() { ProductId = 1, File = file, Alt = alt, Position = position };

    [Test]
    public async Task A_png_is_stored_under_a_server_chosen_key_and_added_to_the_product()
    {
        var dto = await Handler().Handle(Upload(new MemoryStream(Png), "front", 2), CancellationToken.None);

        var key = _saved.Keys.Single();
        Assert.Multiple(() =>
        {
            Assert.That(key, Does.Match("^products/2026/11/[0-9a-f]{32}\\.png$"));
            Assert.That(_saved[key], Is.EqualTo(Png), "every byte, the sniffed header included");
            Assert.That(dto.Url, Is.EqualTo("/media/" + key));
            Assert.That(dto.Alt, Is.EqualTo("front"));
            Assert.That(dto.Position, Is.EqualTo(2));
            Assert.That(_product.Images.Single().Path, Is.EqualTo(key));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
            _storage.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [TestCase("GIF89a", "gif")]
    [TestCase("RIFF\0\0\0\0WEBPVP8 ", "webp")]
    public async Task The_extension_comes_from_the_content(string header, string extension)
    {
        await Handler().Handle(Upload(new MemoryStream(System.Text.Encoding.Latin1.GetBytes(header + "rest"))), CancellationToken.None);

        Assert.That(_saved.Keys.Single(), Does.EndWith("." + extension));
    }

    [Test]
    public void Something_that_is_not_an_image_is_unsupported_and_nothing_is_stored()
    {
        Assert.ThrowsAsync<UnsupportedMediaTypeException>(() => Handler().Handle(Upload(new MemoryStream("<?php echo 1; ?>"u8.ToArray())), CancellationToken.None));
        Assert.Multiple(() =>
        {
            _storage.Verify(s => s.SaveAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()), Times.Never);
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
            Assert.That(_product.Images, Is.Empty);
        });
    }

    [Test]
    public void An_empty_file_is_unsupported()
    {
        Assert.ThrowsAsync<UnsupportedMediaTypeException>(() => Handler().Handle(Upload(new MemoryStream()), CancellationToken.None));
    }

    [Test]
    public async Task Exactly_5_MiB_is_accepted()
    {
        var file = new byte[ProductImageFiles.MaxBytes];
        Png.CopyTo(file, 0);

        await Handler().Handle(Upload(new MemoryStream(file)), CancellationToken.None);

        Assert.That(_saved.Values.Single(), Has.Length.EqualTo(ProductImageFiles.MaxBytes));
    }

    [Test]
    public void More_than_5_MiB_is_refused_while_it_streams_and_nothing_is_left()
    {
        var source = new EndlessPngStream();

        Assert.ThrowsAsync<PayloadTooLargeException>(() => Handler().Handle(Upload(source), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(source.BytesRead, Is.LessThan(ProductImageFiles.MaxBytes + 1024 * 1024), "cut soon after 5 MiB, not read to the end");
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
            _storage.Verify(s => s.SaveAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()), Times.Never, "refused before anything is stored");
            Assert.That(_product.Images, Is.Empty);
        });
    }

    [Test]
    public void A_failed_database_write_removes_the_saved_file()
    {
        _unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("database down"));

        Assert.ThrowsAsync<InvalidOperationException>(() => Handler().Handle(Upload(new MemoryStream(Png)), CancellationToken.None));

        var key = _saved.Keys.Single();
        _storage.Verify(s => s.DeleteAsync(key, CancellationToken.None), Times.Once);
    }

    private void MakesCopies() => _variants.Setup(v => v.Make(It.Is<byte[]>(b => b.SequenceEqual(Png)), "png")).Returns(
    [
        new ImageVariantFile(ProductImageVariant.Thumbnail, "webp", 1, 1, [1, 2]),
        new ImageVariantFile(ProductImageVariant.WebP, "webp", 1, 1, [3, 4]),
    ]);

    [Test]
    public async Task The_copies_are_stored_beside_the_original_and_listed_with_the_image()
    {
        MakesCopies();

        var dto = await Handler().Handle(Upload(new MemoryStream(Png)), CancellationToken.None);

        var original = _product.Images.Single().Path;
        var stem = original[..^".png".Length];
        Assert.Multiple(() =>
        {
            Assert.That(_saved[stem + "-thumbnail.webp"], Is.EqualTo(new byte[] { 1, 2 }));
            Assert.That(_saved[stem + "-webp.webp"], Is.EqualTo(new byte[] { 3, 4 }));
            Assert.That(dto.Variants.Select(v => (v.Name, v.Url, v.Width)), Is.EqualTo(new[]
            {
                ("thumbnail", "/media/" + stem + "-thumbnail.webp", 1),
                ("webp", "/media/" + stem + "-webp.webp", 1),
            }));
        });
    }

    [Test]
    public void A_failed_database_write_removes_the_original_and_its_copies()
    {
        MakesCopies();
        _unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("database down"));

        Assert.ThrowsAsync<InvalidOperationException>(() => Handler().Handle(Upload(new MemoryStream(Png)), CancellationToken.None));

        Assert.That(_saved.Keys, Has.Count.EqualTo(3));
        foreach (var key in _saved.Keys) _storage.Verify(s => s.DeleteAsync(key, CancellationToken.None), Times.Once);
    }

    [Test]
    public void A_failed_file_write_leaves_no_row()
    {
        _storage.Setup(s => s.SaveAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("disk full"));

        Assert.ThrowsAsync<IOException>(() => Handler().Handle(Upload(new MemoryStream(Png)), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(_product.Images, Is.Empty);
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public void An_unknown_product_is_not_found_before_the_file_is_read()
    {
        var file = new MemoryStream(Png);

        Assert.ThrowsAsync<NotFoundException>(() => Handler().Handle(Upload(file) with { ProductId = 2 }, CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(file.Position, Is.Zero);
            _storage.Verify(s => s.SaveAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public void The_validator_requires_a_file_and_bounds_alt_and_position()
    {
        var validator = new AddProductImageValidator();

        Assert.Multiple(() =>
        {
            Assert.That(Validation.ErrorsOf(validator, new AddProductImage { ProductId = 1 }).Keys, Is.EquivalentTo(new[] { "file" }));
            Assert.That(Validation.ErrorsOf(validator, Upload(new MemoryStream(Png), new string('a', 121))).Keys, Is.EquivalentTo(new[] { "alt" }));
            Assert.That(Validation.ErrorsOf(validator, Upload(new MemoryStream(Png), position: -1)).Keys, Is.EquivalentTo(new[] { "position" }));
            Assert.That(Validation.ErrorsOf(validator, Upload(new MemoryStream(Png), new string('a', 120), 0)), Is.Empty);
            Assert.That(Validation.ErrorsOf(validator, Upload(new MemoryStream(Png), alt: null)), Is.Empty);
        });
    }

    /// <summary>A PNG signature followed by zeros that never end (like a chunked upload that keeps coming), counting what was read.</summary>
    private sealed class EndlessPngStream : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var span = buffer.AsSpan(offset, count);
            span.Clear();
            for (var i = 0; i < span.Length && BytesRead + i < Png.Length; i++) span[i] = Png[BytesRead + i];
            BytesRead += count;
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public class DeleteProductImageHandlerTests
{
    private readonly Mock<IProductRepository> _products = new();
    private readonly Mock<IFileStorage> _storage = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = UnitOfWorkMock.Create();
    private readonly Product _product = A.Product.WithId(1).WithImage("products/2026/11/a.png", "", 0, id: 10).WithImage("products/2026/11/b.png", "", 1, id: 11);

    [SetUp]
    public void Stock() => _products.Setup(r => r.GetAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(_product);

    private DeleteProductImageHandler Handler() =>
        new(_products.Object, _storage.Object, _unitOfWork.Object, NullLogger<DeleteProductImageHandler>.Instance);

    [Test]
    public async Task The_image_is_removed_and_its_file_deleted_after_the_save()
    {
        var saved = false;
        _unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).Callback(() => saved = true).Returns(Task.CompletedTask);
        var deletedAfterSave = new List<(string, bool)>();
        _storage.Setup(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string key, CancellationToken _) => deletedAfterSave.Add((key, saved))).Returns(Task.CompletedTask);

        var result = await Handler().Handle(new DeleteProductImage(1, 10), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(Unit.Value));
            Assert.That(_product.Images.Select(i => i.Id), Is.EqualTo(new[] { 11 }));
            Assert.That(deletedAfterSave, Is.EqualTo(new[] { ("products/2026/11/a.png", true) }));
        });
    }

    [Test]
    public void A_failed_save_keeps_the_file()
    {
        _unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("database down"));

        Assert.ThrowsAsync<InvalidOperationException>(() => Handler().Handle(new DeleteProductImage(1, 10), CancellationToken.None));
        _storage.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase(1, 99, TestName = "an image the product does not have")]
    [TestCase(2, 10, TestName = "an unknown product")]
    public void Unknown_is_not_found_and_nothing_changes(int productId, int imageId)
    {
        Assert.ThrowsAsync<NotFoundException>(() => Handler().Handle(new DeleteProductImage(productId, imageId), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(_product.Images, Has.Count.EqualTo(2));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
            _storage.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        });
    }
}
