using Moq;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Categories;
using Shop.Domain.Products;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.UnitTests.Products;

public class BulkCreateProductsValidatorTests
{
    private static readonly BulkCreateProductsValidator Validator = new();

    private static CreateProduct Valid(string name = "MX Board") => new() { Name = name, Price = 10m };

    [Test]
    public void A_batch_of_valid_items_is_valid() =>
        Assert.That(Validation.ErrorsOf(Validator, new BulkCreateProducts([Valid("a"), Valid("b")])), Is.Empty);

    [Test]
    public void Each_failing_item_is_named_by_its_index_with_the_single_create_rules()
    {
        var errors = Validation.ErrorsOf(Validator, new BulkCreateProducts([
            Valid(), Valid() with { Price = -1m }, Valid() with { Name = " " }, Valid() with { Tags = [new TagInput { Slug = "x", Weight = 0 }] },
        ]));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "[1].price", "[2].name", "[3].tags[0].weight" }));
    }

    [Test]
    public void A_null_item_is_an_error_of_that_index() =>
        Assert.That(Validation.ErrorsOf(Validator, new BulkCreateProducts([Valid(), null])).Keys, Is.EqualTo(new[] { "[1]" }));

    [TestCase(0)]
    [TestCase(1001)]
    public void An_empty_batch_or_one_over_1000_is_invalid(int count)
    {
        var errors = Validation.ErrorsOf(Validator, new BulkCreateProducts(Enumerable.Range(0, count).Select(i => (CreateProduct?)Valid($"p{i}")).ToList()));

        Assert.That(errors.Keys, Is.EqualTo(new[] { "" }));
    }

    [Test]
    public void Exactly_1000_items_are_allowed() =>
        Assert.That(Validation.ErrorsOf(Validator, new BulkCreateProducts(Enumerable.Range(0, 1000).Select(i => (CreateProduct?)Valid($"p{i}")).ToList())), Is.Empty);
}

public class BulkCreateProductsHandlerTests
{
    private readonly Mock<IProductRepository> _products = new();
    private readonly Mock<ICategoryRepository> _categories = new();
    private readonly Mock<ITagRepository> _tags = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly List<Product> _added = [];

    [SetUp]
    public void SetUp()
    {
        _products.Setup(r => r.ExistingSlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _products.Setup(r => r.SlugsLikeAnyAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _products.Setup(r => r.ActiveNameHoldersAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, string>());
        _products.Setup(r => r.Add(It.IsAny<Product>())).Callback<Product>(_added.Add);
        _categories.Setup(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _tags.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    private BulkCreateProductsHandler Handler() =>
        new(_products.Object, _categories.Object, _tags.Object, _unitOfWork.Object, TestMapper.Instance, new FixedClock());

    private Task<ProductBatchDto> Run(params CreateProduct[] items) => Handler().Handle(new BulkCreateProducts(items), CancellationToken.None);

    private static CreateProduct Item(string name, bool isActive = true) => new() { Name = name, Price = 10m, IsActive = isActive };

    [Test]
    public async Task Every_item_is_added_in_input_order_and_saved_once()
    {
        var batch = await Run(Item("c"), Item("a"), Item("b"));

        Assert.Multiple(() =>
        {
            Assert.That(batch.Items.Select(p => p.Name), Is.EqualTo(new[] { "c", "a", "b" }));
            Assert.That(_added.Select(p => p.Name), Is.EqualTo(new[] { "c", "a", "b" }));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public async Task References_are_resolved_with_one_query_each_whatever_the_batch_size()
    {
        var keyboards = A.Category("Keyboards", id: 3);
        _categories.Setup(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>())).ReturnsAsync([keyboards]);
        var rgb = A.Tag("rgb", id: 7);
        _tags.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([rgb]);

        await Run(Enumerable.Range(0, 50).Select(i => Item($"p{i}") with { CategoryId = 3, Tags = [new TagInput { Slug = "rgb" }] }).ToArray());

        Assert.Multiple(() =>
        {
            _categories.Verify(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>()), Times.Once);
            _categories.Verify(r => r.GetAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
            _tags.Verify(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Once);
            _products.Verify(r => r.ExistingSlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Once);
            _products.Verify(r => r.SlugsLikeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
            Assert.That(_added, Has.All.Property(nameof(Product.Category)).SameAs(keyboards));
        });
    }

    [Test]
    public async Task Auto_slugs_get_dash_2_dash_3_within_the_batch_and_past_taken_ones()
    {
        _products.Setup(r => r.ExistingSlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(["desk-mat"]);
        _products.Setup(r => r.SlugsLikeAnyAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(["desk-mat", "desk-mat-2"]);

        var batch = await Run(Item("Desk Mat", isActive: false), Item("Desk mat", isActive: false), Item("Lamp"), Item("lamp", isActive: false));

        Assert.That(batch.Items.Select(p => p.Slug), Is.EqualTo(new[] { "desk-mat-3", "desk-mat-4", "lamp", "lamp-2" }));
    }

    [Test]
    public void A_name_twice_among_active_items_is_409_keyed_by_the_later_index_and_nothing_is_saved()
    {
        var ex = Assert.ThrowsAsync<ConflictException>(() => Run(Item("Twice"), Item("other"), Item(" twice ")));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "[2].name" }));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public async Task The_same_name_on_an_inactive_item_is_no_clash()
    {
        var batch = await Run(Item("Twice"), Item("Twice", isActive: false));

        Assert.That(batch.Items, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_name_held_by_an_active_product_is_409_on_that_item()
    {
        _products.Setup(r => r.ActiveNameHoldersAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, string> { [Product.NameKeyOf("Taken")] = "taken" });

        var ex = Assert.ThrowsAsync<ConflictException>(() => Run(Item("Free"), Item("TAKEN")));

        Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "[1].name" }));
    }

    [Test]
    public void A_given_slug_twice_is_409_keyed_by_the_later_index()
    {
        var ex = Assert.ThrowsAsync<ConflictException>(() => Run(Item("a") with { Slug = "same" }, Item("b") with { Slug = "same" }));

        Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "[1].slug" }));
    }

    [Test]
    public void Unknown_references_are_400_keyed_by_item()
    {
        _categories.Setup(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>())).ReturnsAsync(new List<Category>());

        var ex = Assert.ThrowsAsync<ValidationException>(() => Run(Item("a"), Item("b") with { CategoryId = 9 }, Item("c") with { Tags = [new TagInput { Slug = "nope" }] }));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "[1].categoryId", "[2].tags" }));
            _products.Verify(r => r.Add(It.IsAny<Product>()), Times.Never);
        });
    }

    [Test]
    public async Task A_slug_clash_at_save_chooses_the_automatic_slugs_again_and_retries()
    {
        _unitOfWork.SetupSequence(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConflictException("This slug is already taken.", "slug"))
            .Returns(Task.CompletedTask);
        _products.SetupSequence(r => r.SlugsLikeAnyAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(["lamp"]);

        var batch = await Run(Item("Lamp"));

        Assert.That(batch.Items.Single().Slug, Does.StartWith("lamp-"));
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
