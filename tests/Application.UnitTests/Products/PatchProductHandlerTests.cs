using Moq;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Categories;
using Shop.Domain.Common;
using Shop.Domain.Products;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.UnitTests.Products;

public class PatchProductHandlerTests
{
    private readonly Mock<IProductRepository> _products = new();
    private readonly Mock<ICategoryRepository> _categories = new();
    private readonly Mock<ITagRepository> _tags = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly Category _keyboards = A.Category("Keyboards", id: 3);
    private Product _product = null!;

    [SetUp]
    public void SetUp()
    {
        _product = A.Product.WithId(1).Named("MX Board").WithSlug("mx-board").Described("Tactile.").Priced(299m)
            .Published().InCategory(_keyboards).Tagged(A.Tag("rgb", id: 7), 5).WithSpecs("""{"switch":"brown"}""");
        _products.Setup(r => r.GetAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(_product);
        _categories.Setup(r => r.GetAsync(3, It.IsAny<CancellationToken>())).ReturnsAsync(_keyboards);
    }

    private PatchProductHandler Handler() =>
        new(_products.Object, _categories.Object, _tags.Object, _unitOfWork.Object, TestMapper.Instance, new FixedClock());

    [Test]
    public async Task An_empty_patch_leaves_every_field_unchanged()
    {
        var before = TestMapper.Instance.Map<ProductDto>(_product);

        var after = await Handler().Handle(new PatchProduct { Id = 1 }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(after with { Tags = [], Images = [] }, Is.EqualTo(before with { Tags = [], Images = [] }));
            Assert.That(after.Tags, Is.EqualTo(before.Tags));
            Assert.That(_product.Detail.SpecsJson, Is.EqualTo("""{"switch":"brown"}"""));
            _categories.Verify(r => r.GetAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
            _tags.Verify(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public async Task Only_the_present_fields_change()
    {
        await Handler().Handle(new PatchProduct { Id = 1, Price = 249.5m }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_product.Price, Is.EqualTo(249.5m));
            Assert.That(_product.Name, Is.EqualTo("MX Board"));
            Assert.That(_product.Slug, Is.EqualTo("mx-board"));
            Assert.That(_product.Description, Is.EqualTo("Tactile."));
            Assert.That(_product.Status, Is.EqualTo(ProductStatus.Published));
            Assert.That(_product.CategoryId, Is.EqualTo(3));
            Assert.That(_product.Tags, Has.Count.EqualTo(1));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public async Task A_null_category_id_clears_the_category()
    {
        await Handler().Handle(new PatchProduct { Id = 1, CategoryId = new Optional<int?>(null) }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_product.Category, Is.Null);
            Assert.That(_product.CategoryId, Is.Null);
        });
    }

    [Test]
    public async Task A_category_id_assigns_that_category()
    {
        var mice = A.Category("Mice", id: 4);
        _categories.Setup(r => r.GetAsync(4, It.IsAny<CancellationToken>())).ReturnsAsync(mice);

        await Handler().Handle(new PatchProduct { Id = 1, CategoryId = 4 }, CancellationToken.None);

        Assert.That(_product.Category, Is.SameAs(mice));
    }

    [Test]
    public void An_unknown_category_id_is_a_validation_error_of_category_id()
    {
        _categories.Setup(r => r.GetAsync(9, It.IsAny<CancellationToken>())).ReturnsAsync((Category?)null);

        var exception = Assert.ThrowsAsync<ValidationException>(() => Handler().Handle(new PatchProduct { Id = 1, CategoryId = 9 }, CancellationToken.None));

        Assert.That(exception!.Errors.Keys, Is.EqualTo(new[] { "categoryId" }));
    }

    [Test]
    public async Task Empty_tags_remove_every_tag()
    {
        await Handler().Handle(new PatchProduct { Id = 1, Tags = new Optional<IReadOnlyList<TagInput>>([]) }, CancellationToken.None);

        Assert.That(_product.Tags, Is.Empty);
    }

    [Test]
    public void An_illegal_status_move_is_a_domain_error_and_nothing_is_saved()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Handler().Handle(new PatchProduct { Id = 1, Status = ProductStatus.Draft }, CancellationToken.None),
                Throws.TypeOf<DomainException>());
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public void A_stale_expected_version_fails_the_precondition()
    {
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<PreconditionFailedException>(() =>
                Handler().Handle(new PatchProduct { Id = 1, ExpectedVersion = _product.Version + 1, Price = 1m }, CancellationToken.None));
            Assert.That(_product.Price, Is.EqualTo(299m));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public void An_unknown_product_is_not_found()
    {
        Assert.ThrowsAsync<NotFoundException>(() => Handler().Handle(new PatchProduct { Id = 2 }, CancellationToken.None));
    }
}
