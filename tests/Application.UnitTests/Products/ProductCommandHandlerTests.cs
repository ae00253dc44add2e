using MediatR;
using Moq;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.History;
using Shop.Application.Products.Commands;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Common;
using Shop.Domain.Products;

namespace Shop.Application.UnitTests.Products;

public class DeleteProductHandlerTests
{
    private readonly Mock<IProductRepository> _products = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = UnitOfWorkMock.Create();
    private readonly Mock<IFileStorage> _storage = new();

    private DeleteProductHandler Handler() =>
        new(_products.Object, _unitOfWork.Object, _storage.Object, Microsoft.Extensions.Logging.Abstractions.NullLogger<DeleteProductHandler>.Instance);

    [Test]
    public async Task The_product_is_removed_and_saved()
    {
        Product product = A.Product.WithId(1);
        _products.Setup(r => r.GetAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(product);

        var result = await Handler().Handle(new DeleteProduct(1), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(Unit.Value));
            _products.Verify(r => r.Remove(product), Times.Once);
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public async Task The_products_files_are_removed_only_after_the_save()
    {
        Product product = A.Product.WithId(1).WithImage("products/2026/11/a.png", "", 0).WithImage("products/2026/11/b.webp", "", 1);
        _products.Setup(r => r.GetAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(product);
        var saved = false;
        _unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).Callback(() => saved = true).Returns(Task.CompletedTask);
        var deleted = new List<(string Key, bool AfterSave)>();
        _storage.Setup(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string key, CancellationToken _) => deleted.Add((key, saved))).Returns(Task.CompletedTask);

        await Handler().Handle(new DeleteProduct(1), CancellationToken.None);

        Assert.That(deleted, Is.EquivalentTo(new[] { ("products/2026/11/a.png", true), ("products/2026/11/b.webp", true) }));
    }

    [Test]
    public void A_failed_save_keeps_the_products_files()
    {
        Product product = A.Product.WithId(1).WithImage("products/2026/11/a.png", "", 0);
        _products.Setup(r => r.GetAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(product);
        _unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("database down"));

        Assert.ThrowsAsync<InvalidOperationException>(() => Handler().Handle(new DeleteProduct(1), CancellationToken.None));
        _storage.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_file_that_cannot_be_removed_does_not_fail_the_committed_delete()
    {
        Product product = A.Product.WithId(1).WithImage("products/2026/11/a.png", "", 0).WithImage("products/2026/11/b.png", "", 1);
        _products.Setup(r => r.GetAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(product);
        _storage.Setup(s => s.DeleteAsync("products/2026/11/a.png", It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("disk"));

        await Handler().Handle(new DeleteProduct(1), CancellationToken.None);

        _storage.Verify(s => s.DeleteAsync("products/2026/11/b.png", It.IsAny<CancellationToken>()), Times.Once, "the other files still go");
    }

    [Test]
    public void An_unknown_product_is_not_found_and_nothing_is_removed()
    {
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<NotFoundException>(() => Handler().Handle(new DeleteProduct(1), CancellationToken.None));
            _products.Verify(r => r.Remove(It.IsAny<Product>()), Times.Never);
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }
}

public class PublishProductHandlerTests
{
    private readonly Mock<IProductRepository> _products = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = UnitOfWorkMock.Create();
    private readonly FixedClock _clock = new();

    private PublishProductHandler Handler() => new(_products.Object, _unitOfWork.Object, TestMapper.Instance, _clock);

    private Product Stored(Product product)
    {
        _products.Setup(r => r.GetAsync(product.Id, It.IsAny<CancellationToken>())).ReturnsAsync(product);
        return product;
    }

    [Test]
    public async Task A_draft_is_published_now()
    {
        Stored(A.Product.WithId(1));

        var dto = await Handler().Handle(new PublishProduct(1), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dto.Status, Is.EqualTo(ProductStatus.Published));
            Assert.That(dto.PublishedAt, Is.EqualTo(_clock.UtcNow));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public async Task Publishing_a_published_product_is_idempotent_and_keeps_published_at()
    {
        var firstPublished = FixedClock.Now.AddDays(-30);
        var product = Stored(A.Product.WithId(1).CreatedAt(firstPublished).Published());

        var dto = await Handler().Handle(new PublishProduct(1), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dto.Status, Is.EqualTo(ProductStatus.Published));
            Assert.That(dto.PublishedAt, Is.EqualTo(firstPublished));
            Assert.That(product.PublishedAt, Is.EqualTo(firstPublished));
        });
    }

    [Test]
    public void An_archived_product_cannot_be_published()
    {
        Stored(A.Product.WithId(1).In(ProductStatus.Archived));

        Assert.Multiple(() =>
        {
            Assert.That(() => Handler().Handle(new PublishProduct(1), CancellationToken.None), Throws.TypeOf<DomainException>());
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public void An_unknown_product_is_not_found()
    {
        Assert.ThrowsAsync<NotFoundException>(() => Handler().Handle(new PublishProduct(1), CancellationToken.None));
    }
}

public class ArchiveProductHandlerTests
{
    private readonly Mock<IProductRepository> _products = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = UnitOfWorkMock.Create();

    private ArchiveProductHandler Handler() => new(_products.Object, _unitOfWork.Object, TestMapper.Instance, new FixedClock());

    [TestCase(ProductStatus.Draft)]
    [TestCase(ProductStatus.Published)]
    [TestCase(ProductStatus.Archived)]
    public async Task A_product_is_archived_and_saved(ProductStatus from)
    {
        Product product = A.Product.WithId(1).In(from);
        _products.Setup(r => r.GetAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(product);

        var dto = await Handler().Handle(new ArchiveProduct(1), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dto.Status, Is.EqualTo(ProductStatus.Archived));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public void An_unknown_product_is_not_found()
    {
        Assert.ThrowsAsync<NotFoundException>(() => Handler().Handle(new ArchiveProduct(1), CancellationToken.None));
    }
}

public class AdjustProductPriceHandlerTests
{
    private readonly Mock<IProductRepository> _products = new();
    private readonly InMemoryCatalogReadStore _store = new();
    private readonly FixedClock _clock = new();

    private readonly Mock<IChangeHistory> _history = new();

    private AdjustProductPriceHandler Handler()
    {
        var unitOfWork = UnitOfWorkMock.Create();
        unitOfWork.Setup(u => u.InTransactionAsync(It.IsAny<Func<CancellationToken, Task<PriceAdjustment>>>(), It.IsAny<CancellationToken>()))
            .Returns((Func<CancellationToken, Task<PriceAdjustment>> work, CancellationToken ct) => work(ct));
        return new(_products.Object, unitOfWork.Object, _history.Object, _store, TestUser.Staff, TestMapper.Instance, _clock);
    }

    private void Outcome(PriceAdjustmentOutcome outcome) =>
        _products.Setup(r => r.AdjustPriceAsync(5, -10.5m, It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(outcome == PriceAdjustmentOutcome.Adjusted ? new PriceAdjustment(outcome, 200m, 189.5m) : new PriceAdjustment(outcome));

    private static AdjustProductPrice Request() => new() { Id = 5, Amount = -10.5m };

    [Test]
    public async Task Adjusted_answers_the_product_as_read_again()
    {
        Outcome(PriceAdjustmentOutcome.Adjusted);
        _store.With(A.Product.WithId(5).Priced(189.5m).Build());

        var dto = await Handler().Handle(Request(), CancellationToken.None);

        Assert.That((dto.Id, dto.Price), Is.EqualTo((5, 189.5m)));
    }

    [Test]
    public async Task The_adjustment_is_made_by_the_repository_at_the_current_time()
    {
        Outcome(PriceAdjustmentOutcome.Adjusted);
        _store.With(A.Product.WithId(5).Build());

        await Handler().Handle(Request(), CancellationToken.None);

        _products.Verify(r => r.AdjustPriceAsync(5, -10.5m, _clock.UtcNow, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task The_adjustment_is_recorded_with_the_prices_the_update_produced()
    {
        Outcome(PriceAdjustmentOutcome.Adjusted);
        _store.With(A.Product.WithId(5).Build());
        IReadOnlyCollection<RecordedChange>? recorded = null;
        _history.Setup(h => h.RecordAsync(It.IsAny<IReadOnlyCollection<RecordedChange>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyCollection<RecordedChange> c, CancellationToken _) => recorded = c).Returns(Task.CompletedTask);

        await Handler().Handle(Request(), CancellationToken.None);

        var change = recorded!.Single();
        Assert.That((change.EntityId, change.Action, change.Changes.Single().Field, change.Changes.Single().Old!.ToJsonString(), change.Changes.Single().New!.ToJsonString()),
            Is.EqualTo((5, "price-adjusted", "price", "200", "189.5")));
    }

    [Test]
    public void A_refused_adjustment_records_nothing()
    {
        Outcome(PriceAdjustmentOutcome.OutOfRange);

        Assert.ThrowsAsync<DomainException>(() => Handler().Handle(Request(), CancellationToken.None));
        _history.Verify(h => h.RecordAsync(It.IsAny<IReadOnlyCollection<RecordedChange>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public void Not_found_is_a_not_found_exception()
    {
        Outcome(PriceAdjustmentOutcome.NotFound);

        _store.With(A.Product.WithId(5).Build());

        Assert.ThrowsAsync<NotFoundException>(() => Handler().Handle(Request(), CancellationToken.None),
            "the repository's answer decides, not a read afterwards");
    }

    [Test]
    public void Out_of_range_is_a_domain_error_of_amount()
    {
        Outcome(PriceAdjustmentOutcome.OutOfRange);

        Assert.That(() => Handler().Handle(Request(), CancellationToken.None),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("amount"));
    }
}
