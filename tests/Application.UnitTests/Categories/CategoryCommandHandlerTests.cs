using Moq;
using Shop.Application.Categories;
using Shop.Application.Categories.Commands;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Categories;
using Shop.Domain.Common;

namespace Shop.Application.UnitTests.Categories;

public class DeleteCategoryHandlerTests
{
    private readonly Mock<ICategoryRepository> _categories = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly Category _keyboards = A.Category("Keyboards", id: 3);

    [SetUp]
    public void SetUp() => _categories.Setup(r => r.GetAsync(3, It.IsAny<CancellationToken>())).ReturnsAsync(_keyboards);

    private DeleteCategoryHandler Handler() => new(_categories.Object, _unitOfWork.Object);

    [Test]
    public void A_category_with_products_is_refused_and_not_removed()
    {
        _categories.Setup(r => r.HasProductsAsync(3, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<DomainException>(() => Handler().Handle(new DeleteCategory(3), CancellationToken.None));
            _categories.Verify(r => r.Remove(It.IsAny<Category>()), Times.Never);
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public async Task An_empty_category_is_removed_and_saved()
    {
        _categories.Setup(r => r.HasProductsAsync(3, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        await Handler().Handle(new DeleteCategory(3), CancellationToken.None);

        Assert.Multiple(() =>
        {
            _categories.Verify(r => r.Remove(_keyboards), Times.Once);
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public void An_unknown_category_is_not_found()
    {
        Assert.ThrowsAsync<NotFoundException>(() => Handler().Handle(new DeleteCategory(4), CancellationToken.None));
    }
}

public class CreateCategoryHandlerTests
{
    private readonly Mock<ICategoryRepository> _categories = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();

    [SetUp]
    public void SetUp() =>
        _categories.Setup(r => r.SlugsLikeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);

    private CreateCategoryHandler Handler() => new(_categories.Object, _unitOfWork.Object);

    [Test]
    public async Task The_slug_is_made_from_the_name_and_gets_a_suffix_when_taken()
    {
        _categories.Setup(r => r.SlugsLikeAsync("keyboards", It.IsAny<CancellationToken>())).ReturnsAsync(["keyboards"]);

        var dto = await Handler().Handle(new CreateCategory { Name = " Keyboards " }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dto, Is.EqualTo(new CategoryDto(0, "Keyboards", "keyboards-2", 0)));
            _categories.Verify(r => r.Add(It.Is<Category>(c => c.Slug == "keyboards-2")), Times.Once);
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public async Task A_given_slug_is_used_as_given()
    {
        var dto = await Handler().Handle(new CreateCategory { Name = "Keyboards", Slug = "kb" }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dto.Slug, Is.EqualTo("kb"));
            _categories.Verify(r => r.SlugsLikeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        });
    }
}

public class UpdateCategoryHandlerTests
{
    private readonly Mock<ICategoryRepository> _categories = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly Category _keyboards = A.Category("Keyboards", id: 3);

    [SetUp]
    public void SetUp()
    {
        _categories.Setup(r => r.GetAsync(3, It.IsAny<CancellationToken>())).ReturnsAsync(_keyboards);
    }

    private UpdateCategoryHandler Handler() =>
        new(_categories.Object, _unitOfWork.Object, new InMemoryCatalogReadStore().With(_keyboards), TestUser.Staff);

    [Test]
    public async Task A_rename_keeps_the_slug()
    {
        var dto = await Handler().Handle(new UpdateCategory { Id = 3, Name = "Mechanical keyboards" }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dto, Is.EqualTo(new CategoryDto(3, "Mechanical keyboards", "keyboards", 0)));
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public async Task A_patch_without_a_name_keeps_the_name()
    {
        await Handler().Handle(new UpdateCategory { Id = 3, IsPatch = true, Slug = "kb" }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_keyboards.Name, Is.EqualTo("Keyboards"));
            Assert.That(_keyboards.Slug, Is.EqualTo("kb"));
        });
    }

    [Test]
    public void An_unknown_category_is_not_found()
    {
        Assert.ThrowsAsync<NotFoundException>(() => Handler().Handle(new UpdateCategory { Id = 4, Name = "X" }, CancellationToken.None));
    }
}
