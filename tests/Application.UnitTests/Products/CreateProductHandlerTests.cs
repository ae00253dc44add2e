using System.Text.Json;
using Moq;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Categories;
using Shop.Domain.Products;
using Shop.Domain.Tags;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.UnitTests.Products;

public class CreateProductHandlerTests
{
    private readonly Mock<IProductRepository> _products = new();
    private readonly Mock<ICategoryRepository> _categories = new();
    private readonly Mock<ITagRepository> _tags = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private Product? _added;

    [SetUp]
    public void SetUp()
    {
        _products.Setup(r => r.SlugsLikeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _products.Setup(r => r.Add(It.IsAny<Product>())).Callback<Product>(p => _added = p);
        _tags.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    private CreateProductHandler Handler() =>
        new(_products.Object, _categories.Object, _tags.Object, _unitOfWork.Object, TestMapper.Instance, new FixedClock());

    private static CreateProduct ACreate() => new() { Name = "MX Board", Price = 299m };

    private void KnownCategory(Category category) =>
        _categories.Setup(r => r.GetAsync(category.Id, It.IsAny<CancellationToken>())).ReturnsAsync(category);

    private void KnownTags(params Tag[] tags) =>
        _tags.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> slugs, CancellationToken _) => tags.Where(t => slugs.Contains(t.Slug)).ToList());

    [Test]
    public async Task Without_a_slug_the_slug_is_made_from_the_name()
    {
        var dto = await Handler().Handle(ACreate(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dto.Slug, Is.EqualTo("mx-board"));
            Assert.That(_added!.Slug, Is.EqualTo("mx-board"));
        });
    }

    [Test]
    public async Task A_slug_made_from_the_name_gets_dash_2_when_taken()
    {
        _products.Setup(r => r.SlugsLikeAsync("mx-board", It.IsAny<CancellationToken>())).ReturnsAsync(["mx-board"]);

        var dto = await Handler().Handle(ACreate(), CancellationToken.None);

        Assert.That(dto.Slug, Is.EqualTo("mx-board-2"));
    }

    [Test]
    public async Task A_slug_made_from_the_name_gets_dash_3_when_dash_2_is_taken_too()
    {
        _products.Setup(r => r.SlugsLikeAsync("mx-board", It.IsAny<CancellationToken>())).ReturnsAsync(["mx-board", "mx-board-2"]);

        var dto = await Handler().Handle(ACreate(), CancellationToken.None);

        Assert.That(dto.Slug, Is.EqualTo("mx-board-3"));
    }

    [Test]
    public async Task A_name_with_nothing_sluggable_gets_a_fallback_slug()
    {
        var dto = await Handler().Handle(ACreate() with { Name = "键盘" }, CancellationToken.None);

        Assert.That(dto.Slug, Is.EqualTo("product"));
    }

    [Test]
    public async Task A_given_slug_is_used_as_given_without_looking_for_a_free_one()
    {
        var dto = await Handler().Handle(ACreate() with { Slug = "my-own-slug" }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dto.Slug, Is.EqualTo("my-own-slug"));
            _products.Verify(r => r.SlugsLikeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public async Task The_product_is_added_and_saved_once()
    {
        await Handler().Handle(ACreate(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            _products.Verify(r => r.Add(It.IsAny<Product>()), Times.Once);
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public async Task Defaults_give_an_active_draft_without_category_tags_or_specs()
    {
        var dto = await Handler().Handle(ACreate(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dto.Name, Is.EqualTo("MX Board"));
            Assert.That(dto.Price, Is.EqualTo(299m));
            Assert.That(dto.Description, Is.Empty);
            Assert.That(dto.IsActive, Is.True);
            Assert.That(dto.Status, Is.EqualTo(ProductStatus.Draft));
            Assert.That(dto.PublishedAt, Is.Null);
            Assert.That(dto.CreatedAt, Is.EqualTo(FixedClock.Now));
            Assert.That(dto.Category, Is.Null);
            Assert.That(dto.Tags, Is.Empty);
            Assert.That(dto.SpecsJson, Is.EqualTo("{}"));
        });
    }

    [Test]
    public async Task Every_given_field_is_applied()
    {
        var keyboards = A.Category("Keyboards", id: 3);
        var mechanical = A.Tag("mechanical", id: 7);
        KnownCategory(keyboards);
        KnownTags(mechanical);
        var request = ACreate() with
        {
            Description = "Tactile.",
            IsActive = false,
            Status = ProductStatus.Published,
            CategoryId = 3,
            Tags = [new TagInput { Slug = "mechanical", Weight = 4 }],
            Specs = JsonDocument.Parse("""{"switch":"brown"}""").RootElement.Clone(),
        };

        var dto = await Handler().Handle(request, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dto.Description, Is.EqualTo("Tactile."));
            Assert.That(dto.IsActive, Is.False);
            Assert.That(dto.Status, Is.EqualTo(ProductStatus.Published));
            Assert.That(dto.PublishedAt, Is.EqualTo(FixedClock.Now));
            Assert.That(dto.Category, Is.EqualTo(new CategoryRefDto { Id = 3, Name = "Keyboards", Slug = "keyboards" }));
            Assert.That(dto.Tags, Is.EqualTo(new[] { new ProductTagDto { Id = 7, Name = "mechanical", Slug = "mechanical", Weight = 4 } }));
            Assert.That(dto.SpecsJson, Is.EqualTo("""{"switch":"brown"}"""));
            Assert.That(_added!.Category, Is.SameAs(keyboards));
        });
    }

    [Test]
    public void An_unknown_category_is_a_validation_error_of_category_id_and_nothing_is_saved()
    {
        _categories.Setup(r => r.GetAsync(9, It.IsAny<CancellationToken>())).ReturnsAsync((Category?)null);

        var exception = Assert.ThrowsAsync<ValidationException>(() => Handler().Handle(ACreate() with { CategoryId = 9 }, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Errors.Keys, Is.EqualTo(new[] { "categoryId" }));
            _products.Verify(r => r.Add(It.IsAny<Product>()), Times.Never);
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public void An_unknown_tag_slug_is_a_validation_error_of_tags_and_nothing_is_saved()
    {
        KnownTags(A.Tag("mechanical", id: 7));
        var request = ACreate() with { Tags = [new TagInput { Slug = "mechanical" }, new TagInput { Slug = "nope" }] };

        var exception = Assert.ThrowsAsync<ValidationException>(() => Handler().Handle(request, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Errors.Keys, Is.EqualTo(new[] { "tags" }));
            Assert.That(exception.Errors["tags"].Single(), Does.Contain("nope"));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }
}
