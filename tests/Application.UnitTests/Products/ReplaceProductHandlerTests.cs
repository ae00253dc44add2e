using System.Text.Json;
using Moq;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Categories;
using Shop.Domain.Common;
using Shop.Domain.Products;
using Shop.Domain.Tags;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.UnitTests.Products;

public class ReplaceProductHandlerTests
{
    private readonly Mock<IProductRepository> _products = new();
    private readonly Mock<ICategoryRepository> _categories = new();
    private readonly Mock<ITagRepository> _tags = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();

    private ReplaceProductHandler Handler() =>
        new(_products.Object, _categories.Object, _tags.Object, _unitOfWork.Object, TestMapper.Instance, new FixedClock());

    private Product Stored(Product product)
    {
        _products.Setup(r => r.GetAsync(product.Id, It.IsAny<CancellationToken>())).ReturnsAsync(product);
        return product;
    }

    private Product AFullProduct()
    {
        var keyboards = A.Category("Keyboards", id: 3);
        var rgb = A.Tag("rgb", id: 7);
        _categories.Setup(r => r.GetAsync(3, It.IsAny<CancellationToken>())).ReturnsAsync(keyboards);
        _tags.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([rgb]);
        return Stored(A.Product.WithId(1).Named("MX Board").WithSlug("mx-board").Described("Old.").Inactive()
            .Published().InCategory(keyboards).Tagged(rgb, 5).WithSpecs("""{"old":true}"""));
    }

    private static ReplaceProduct AReplace() => new() { Id = 1, Name = "MX Board 2", Price = 199.9m };

    [Test]
    public void An_unknown_product_is_not_found()
    {
        _products.Setup(r => r.GetAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync((Product?)null);

        Assert.ThrowsAsync<NotFoundException>(() => Handler().Handle(AReplace(), CancellationToken.None));
    }

    [Test]
    public void A_stale_expected_version_fails_the_precondition_and_changes_nothing()
    {
        var product = Stored(A.Product.WithId(1).Named("MX Board"));

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<PreconditionFailedException>(() => Handler().Handle(AReplace() with { ExpectedVersion = 99 }, CancellationToken.None));
            Assert.That(product.Name, Is.EqualTo("MX Board"));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public async Task The_current_expected_version_is_accepted()
    {
        var product = Stored(A.Product.WithId(1));

        var dto = await Handler().Handle(AReplace() with { ExpectedVersion = product.Version }, CancellationToken.None);

        Assert.That(dto.Name, Is.EqualTo("MX Board 2"));
    }

    [Test]
    public async Task Omitted_slug_and_status_stay_as_they_are()
    {
        var product = AFullProduct();

        await Handler().Handle(AReplace(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(product.Slug, Is.EqualTo("mx-board"));
            Assert.That(product.Status, Is.EqualTo(ProductStatus.Published));
        });
    }

    [Test]
    public async Task Other_omitted_fields_take_their_defaults()
    {
        var product = AFullProduct();

        await Handler().Handle(AReplace(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(product.Name, Is.EqualTo("MX Board 2"));
            Assert.That(product.Price, Is.EqualTo(199.9m));
            Assert.That(product.Description, Is.Empty);
            Assert.That(product.IsActive, Is.True);
            Assert.That(product.Category, Is.Null);
            Assert.That(product.CategoryId, Is.Null);
            Assert.That(product.Tags, Is.Empty);
            Assert.That(product.Detail.SpecsJson, Is.EqualTo("{}"));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public async Task Given_fields_replace_the_old_ones()
    {
        var product = AFullProduct();
        var request = AReplace() with
        {
            Slug = "new-slug",
            Description = "New.",
            IsActive = false,
            Status = ProductStatus.Archived,
            CategoryId = 3,
            Tags = [new TagInput { Slug = "rgb", Weight = 9 }],
            Specs = JsonDocument.Parse("""{"new":1}""").RootElement.Clone(),
        };

        await Handler().Handle(request, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(product.Slug, Is.EqualTo("new-slug"));
            Assert.That(product.Description, Is.EqualTo("New."));
            Assert.That(product.IsActive, Is.False);
            Assert.That(product.Status, Is.EqualTo(ProductStatus.Archived));
            Assert.That(product.CategoryId, Is.EqualTo(3));
            Assert.That(product.Tags.Select(t => (t.Tag.Slug, t.Weight)), Is.EqualTo(new[] { ("rgb", 9) }));
            Assert.That(product.Detail.SpecsJson, Is.EqualTo("""{"new":1}"""));
        });
    }

    [Test]
    public void An_illegal_status_move_is_a_domain_error_and_nothing_is_saved()
    {
        Stored(A.Product.WithId(1).Published());

        Assert.Multiple(() =>
        {
            Assert.That(() => Handler().Handle(AReplace() with { Status = ProductStatus.Draft }, CancellationToken.None),
                Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("status"));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public void An_unknown_category_is_a_validation_error_of_category_id()
    {
        Stored(A.Product.WithId(1));
        _categories.Setup(r => r.GetAsync(9, It.IsAny<CancellationToken>())).ReturnsAsync((Category?)null);

        var exception = Assert.ThrowsAsync<ValidationException>(() => Handler().Handle(AReplace() with { CategoryId = 9 }, CancellationToken.None));

        Assert.That(exception!.Errors.Keys, Is.EqualTo(new[] { "categoryId" }));
    }

    [Test]
    public void An_unknown_tag_is_a_validation_error_of_tags()
    {
        Stored(A.Product.WithId(1));
        _tags.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(Array.Empty<Tag>());

        var exception = Assert.ThrowsAsync<ValidationException>(() =>
            Handler().Handle(AReplace() with { Tags = [new TagInput { Slug = "nope" }] }, CancellationToken.None));

        Assert.That(exception!.Errors.Keys, Is.EqualTo(new[] { "tags" }));
    }
}
