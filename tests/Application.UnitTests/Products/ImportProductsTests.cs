using Moq;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Products;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.UnitTests.Products;

public class ImportProductsTests
{
    private readonly Mock<IProductRepository> _products = new();
    private readonly Mock<ICategoryRepository> _categories = new();
    private readonly Mock<ITagRepository> _tags = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly List<Product> _added = [];

    [SetUp]
    public void SetUp()
    {
        _products.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _products.Setup(r => r.ActiveNameHoldersAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, string>());
        _products.Setup(r => r.Add(It.IsAny<Product>())).Callback<Product>(_added.Add);
        _categories.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _tags.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _unitOfWork.Setup(u => u.InTransactionAsync(It.IsAny<Func<CancellationToken, Task<ImportOutcome>>>(), It.IsAny<CancellationToken>()))
            .Returns((Func<CancellationToken, Task<ImportOutcome>> work, CancellationToken ct) => work(ct));
    }

    private ImportProductsHandler Handler() => new(_products.Object, _categories.Object, _tags.Object, _unitOfWork.Object, new FixedClock());

    private static ProductImportRow Row(int line, string name, string slug) => new() { Line = line, Name = name, Slug = slug, Price = 5m };

    [Test]
    public async Task New_slugs_are_created_and_known_ones_updated_with_one_save()
    {
        var known = A.Product.Named("Old").WithSlug("known").Build();
        _products.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([known]);
        var reported = new List<int>();

        var outcome = await Handler().Handle(
            new ImportProducts([Row(2, "New", "fresh"), Row(3, "Renamed", "known") with { Status = ProductStatus.Published }])
            {
                Progress = new Reporter(reported.Add),
            }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(new ImportOutcome(1, 1)));
            Assert.That(_added.Select(p => p.Slug), Is.EqualTo(new[] { "fresh" }));
            Assert.That((known.Name, known.Status), Is.EqualTo(("Renamed", ProductStatus.Published)));
            Assert.That(reported, Is.EqualTo(new[] { 1, 2 }));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public void Unknown_categories_and_tags_are_bad_rows_by_line_and_nothing_is_saved()
    {
        var ex = Assert.ThrowsAsync<ValidationException>(() => Handler().Handle(new ImportProducts([
            Row(2, "A", "a"), Row(3, "B", "b") with { Category = "nope" }, Row(7, "C", "c") with { Tags = [new TagInput { Slug = "ghost" }] },
        ]), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "line 3", "line 7" }));
            Assert.That(ex.Errors["line 3"].Single(), Does.Contain("nope"));
            Assert.That(ex.Errors["line 7"].Single(), Does.Contain("ghost"));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public void A_disallowed_status_move_of_a_known_product_is_a_bad_row()
    {
        var published = A.Product.Named("Old").WithSlug("known").Published().Build();
        _products.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([published]);

        var ex = Assert.ThrowsAsync<ValidationException>(() => Handler().Handle(new ImportProducts([Row(4, "Old", "known")]), CancellationToken.None));

        Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "line 4" }));
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public void A_slug_or_an_active_name_twice_in_the_file_is_a_bad_later_row()
    {
        var ex = Assert.ThrowsAsync<ValidationException>(() => Handler().Handle(new ImportProducts([
            Row(2, "A", "a"), Row(3, "B", "a"), Row(4, "a", "c"), Row(5, "a", "d") with { IsActive = false },
        ]), CancellationToken.None));

        Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "line 3", "line 4" }));
    }

    [Test]
    public void The_row_validator_keys_every_failure_by_line()
    {
        var errors = Validation.ErrorsOf(new ImportProductsValidator(), new ImportProducts([
            Row(2, "Fine", "fine"), Row(3, "", "x"), Row(4, "P", "Bad Slug"), Row(5, "Q", "q") with { Price = 100000.001m },
        ]));

        Assert.That(errors.Keys, Is.EqualTo(new[] { "line 3", "line 4", "line 5" }));
    }

    [Test]
    public async Task A_big_file_is_written_a_chunk_at_a_time_in_one_transaction_with_progress_between_saves()
    {
        var known = A.Product.Named("Old").WithSlug("r4").Build();
        var log = new List<string>();
        _products.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyCollection<string>, CancellationToken>((slugs, _) => log.Add("load " + string.Join(",", slugs)))
            .ReturnsAsync((IReadOnlyCollection<string> slugs, CancellationToken _) => slugs.Contains("r4") ? [known] : []);
        _unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).Callback(() => log.Add("save")).Returns(Task.CompletedTask);
        _unitOfWork.Setup(u => u.ForgetTracked()).Callback(() => log.Add("forget"));
        var rows = Enumerable.Range(1, 5).Select(i => Row(i + 1, "Product " + i, "r" + i)).ToList();

        var outcome = await Handler().Handle(
            new ImportProducts(rows) { ChunkSize = 2, Progress = new Reporter(n => log.Add("applied " + n)) }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(new ImportOutcome(4, 1)));
            Assert.That(log, Is.EqualTo(new[]
            {
                "load r1,r2", "applied 1", "applied 2", "save", "forget",
                "load r3,r4", "applied 3", "applied 4", "save", "forget",
                "load r5", "applied 5", "save", "forget",
            }));
            Assert.That(known.Name, Is.EqualTo("Product 4"));
            _unitOfWork.Verify(u => u.InTransactionAsync(It.IsAny<Func<CancellationToken, Task<ImportOutcome>>>(), It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public void Rows_bad_in_later_chunks_are_all_reported_and_nothing_is_saved_after_the_first()
    {
        var published = new[] { "r3", "r5" }.Select(slug => A.Product.Named("Old " + slug).WithSlug(slug).Published().Build()).ToList();
        _products.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> slugs, CancellationToken _) => published.Where(p => slugs.Contains(p.Slug)).ToList());
        var rows = Enumerable.Range(1, 6).Select(i => Row(i + 1, "Product " + i, "r" + i)).ToList();

        var ex = Assert.ThrowsAsync<ValidationException>(() => Handler().Handle(new ImportProducts(rows) { ChunkSize = 2 }, CancellationToken.None));

        // The first chunk was saved inside the transaction, which the exception rolls back.
        Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "line 4", "line 6" }));
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_row_taking_the_name_of_another_product_of_the_file_is_saved_after_it_whatever_the_chunks()
    {
        var holder = A.Product.Named("Alpha").WithSlug("a").Build();
        _products.Setup(r => r.ActiveNameHoldersAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, string> { ["ALPHA"] = "a" });
        var loaded = new List<string>();
        _products.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyCollection<string>, CancellationToken>((slugs, _) => loaded.AddRange(slugs))
            .ReturnsAsync((IReadOnlyCollection<string> slugs, CancellationToken _) => slugs.Contains("a") ? [holder] : []);

        var outcome = await Handler().Handle(
            new ImportProducts([Row(2, "Alpha", "b"), Row(3, "Other", "c"), Row(4, "Gamma", "a")]) { ChunkSize = 2 }, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new ImportOutcome(2, 1)));
        Assert.That(loaded, Is.EqualTo(new[] { "c", "a", "b" }));
    }

    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
