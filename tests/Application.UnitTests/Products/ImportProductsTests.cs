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
    private readonly Mock<IProductImportStore> _store = new();
    private readonly Mock<IProductImport> _import = new();
    private readonly List<ProductImportRow> _staged = [];
    private readonly List<StagedRowProblem> _problems = [];

    [SetUp]
    public void SetUp()
    {
        _store.Setup(s => s.BeginAsync(It.IsAny<CancellationToken>())).ReturnsAsync(_import.Object);
        _import.Setup(i => i.StageAsync(It.IsAny<IAsyncEnumerable<ProductImportRow>>(), It.IsAny<CancellationToken>()))
            .Returns(async (IAsyncEnumerable<ProductImportRow> rows, CancellationToken ct) =>
            {
                await foreach (var row in rows.WithCancellation(ct)) _staged.Add(row);
                return _staged.Count;
            });
        _import.Setup(i => i.CheckAsync(It.IsAny<IProgress<ImportProgress>?>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => _problems);
        _import.Setup(i => i.ApplyAsync(It.IsAny<DateTime>(), It.IsAny<IProgress<ImportProgress>?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ImportOutcome(_staged.Count, 0));
    }

    private ImportProductsHandler Handler() => new(_store.Object, new FixedClock());

    private static ProductImportRow Row(int line, string name, string slug) => new() { Line = line, Name = name, Slug = slug, Price = 5m };

    private static async IAsyncEnumerable<ProductImportRow> Stream(params ProductImportRow[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private Task<ImportOutcome> ImportAsync(params ProductImportRow[] rows) => Handler().Handle(new ImportProducts(Stream(rows)), CancellationToken.None);

    [Test]
    public async Task Good_rows_are_staged_checked_and_applied_at_the_clock_s_time()
    {
        var outcome = await ImportAsync(Row(2, "New", "fresh"), Row(3, "Other", "other"));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(new ImportOutcome(2, 0)));
            Assert.That(_staged.Select(r => r.Line), Is.EqualTo(new[] { 2, 3 }));
            _import.Verify(i => i.ApplyAsync(new FixedClock().GetUtcNow().UtcDateTime, It.IsAny<IProgress<ImportProgress>?>(), It.IsAny<CancellationToken>()), Times.Once);
            _import.Verify(i => i.DisposeAsync(), Times.Once);
        });
    }

    [Test]
    public void The_row_rules_key_every_failure_by_line_leave_those_rows_out_and_nothing_is_applied()
    {
        var ex = Assert.ThrowsAsync<ValidationException>(() => ImportAsync(
            Row(2, "Fine", "fine"), Row(3, "", "x"), Row(4, "P", "Bad Slug"), Row(5, "Q", "q") with { Price = 100000.001m },
            Row(6, "S", "s") with { Specs = System.Text.Json.JsonDocument.Parse("[1]").RootElement.Clone() },
            Row(7, new string('n', Product.NameMaxLength + 1), "long")));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "line 3", "line 4", "line 5", "line 6", "line 7" }));
            Assert.That(ex.Errors["line 6"].Single(), Does.Contain("JSON object"));
            Assert.That(_staged.Select(r => r.Line), Is.EqualTo(new[] { 2 }));
            _import.Verify(i => i.ApplyAsync(It.IsAny<DateTime>(), It.IsAny<IProgress<ImportProgress>?>(), It.IsAny<CancellationToken>()), Times.Never);
            _import.Verify(i => i.DisposeAsync(), Times.Once);
        });
    }

    [Test]
    public void Cells_the_reader_could_not_read_are_reported_by_line_with_the_row_s_other_problems()
    {
        var ex = Assert.ThrowsAsync<ValidationException>(() => ImportAsync(
            Row(2, "Fine", "fine"), new ProductImportRow
            {
                Line = 3, Name = " ", Slug = "ten",
                UnreadableFields = new Dictionary<string, string> { ["price"] = "price: 'ten' is not a number." },
            }));

        Assert.That(ex!.Errors, Is.EqualTo(new Dictionary<string, string[]>
        {
            ["line 3"] = ["price: 'ten' is not a number.", $"The name must be 1 to {Product.NameMaxLength} characters (after trimming)."],
        }));
    }

    [Test]
    public void The_store_s_file_wide_problems_are_worded_by_line_with_the_row_rules_in_line_order()
    {
        _problems.AddRange([
            new UnknownCategory(4, "nope"),
            new UnknownTags(7, ["ghost", "spirit"]),
            new RepeatedSlug(8, "a", 2),
            new RepeatedName(9, "Alpha", 2),
            new NameTaken(10, "Taken", "holder"),
            new StatusMoveRefused(11, ProductStatus.Published, ProductStatus.Draft),
        ]);

        var ex = Assert.ThrowsAsync<ValidationException>(() => ImportAsync(Row(2, "Alpha", "a"), Row(3, "", "bad")));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "line 3", "line 4", "line 7", "line 8", "line 9", "line 10", "line 11" }));
            Assert.That(ex.Errors["line 4"].Single(), Is.EqualTo("Unknown category 'nope'."));
            Assert.That(ex.Errors["line 7"].Single(), Is.EqualTo("Unknown tag slug(s): ghost, spirit."));
            Assert.That(ex.Errors["line 8"].Single(), Is.EqualTo("The slug 'a' is already on line 2."));
            Assert.That(ex.Errors["line 9"].Single(), Is.EqualTo("The name 'Alpha' is already on line 2."));
            Assert.That(ex.Errors["line 10"].Single(), Is.EqualTo("An active product named 'Taken' already exists (slug 'holder')."));
            Assert.That(ex.Errors["line 11"].Single(), Is.EqualTo("A product cannot move from published to draft."));
            _import.Verify(i => i.ApplyAsync(It.IsAny<DateTime>(), It.IsAny<IProgress<ImportProgress>?>(), It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public void A_file_without_rows_is_refused()
    {
        var ex = Assert.ThrowsAsync<ValidationException>(() => ImportAsync());

        Assert.That(ex!.Errors[""].Single(), Is.EqualTo("The file has no product rows."));
    }

    [Test]
    public void Rows_are_read_only_while_the_store_stages_them()
    {
        var read = 0;
        async IAsyncEnumerable<ProductImportRow> Counted()
        {
            await Task.Yield();
            read++;
            yield return Row(2, "A", "a");
        }
        _store.Setup(s => s.BeginAsync(It.IsAny<CancellationToken>())).Callback(() => Assert.That(read, Is.Zero)).ReturnsAsync(_import.Object);

        Assert.DoesNotThrowAsync(() => Handler().Handle(new ImportProducts(Counted()), CancellationToken.None));
        Assert.That(read, Is.EqualTo(1));
    }

    [Test]
    public void The_row_validator_uses_the_product_field_rules()
    {
        var errors = Validation.ErrorsOf(new ProductImportRowValidator(), Row(2, "Fine", "fine") with
        {
            Description = new string('d', Product.DescriptionMaxLength + 1),
            Tags = [new TagInput { Slug = "t", Weight = 0 }],
        });

        Assert.That(errors.Keys.ToArray(), Has.Length.EqualTo(2).And.Contains("description"));
    }
}
