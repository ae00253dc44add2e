using Shop.Application.Categories;
using Shop.Application.Categories.Queries;
using Shop.Application.Common.Exceptions;
using Shop.Application.Tags;
using Shop.Application.Tags.Queries;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Products;

namespace Shop.Application.UnitTests.Categories;

public class CategoryAndTagQueryHandlerTests
{
    private readonly InMemoryCatalogReadStore _store = new();

    [SetUp]
    public void SetUp()
    {
        var mice = A.Category("Mice", id: 1);
        var keyboards = A.Category("Keyboards", id: 2);
        var audio = A.Category("Audio", id: 3);
        var rgb = A.Tag("rgb", id: 7);
        var wireless = A.Tag("wireless", id: 8);
        _store.With(mice, keyboards, audio);
        _store.With(wireless, rgb);
        _store.With(
            A.Product.WithId(1).Named("MX Board").InCategory(keyboards).Tagged(rgb).Published(),
            A.Product.WithId(2).Named("Draft board").InCategory(keyboards).Tagged(rgb),
            A.Product.WithId(3).Named("Old board").InCategory(keyboards).Tagged(rgb).Published().Inactive(),
            A.Product.WithId(4).Named("Mouse").InCategory(mice).Tagged(wireless).In(ProductStatus.Published));
    }

    [Test]
    public async Task Categories_are_ordered_by_name_with_the_count_of_products_the_caller_may_see()
    {
        var page = await new ListCategoriesHandler(_store, TestUser.Anonymous).Handle(new ListCategories(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(page.Items, Is.EqualTo(new[]
            {
                new CategoryDto(3, "Audio", "audio", 0),
                new CategoryDto(2, "Keyboards", "keyboards", 1),
                new CategoryDto(1, "Mice", "mice", 1),
            }));
            Assert.That(page.TotalCount, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Staff_counts_include_hidden_products()
    {
        var page = await new ListCategoriesHandler(_store, TestUser.Staff).Handle(new ListCategories(), CancellationToken.None);

        Assert.That(page.Items.Single(c => c.Slug == "keyboards").ProductCount, Is.EqualTo(3));
    }

    [Test]
    public async Task Categories_page_like_every_list()
    {
        var page = await new ListCategoriesHandler(_store, TestUser.Staff).Handle(new ListCategories(2, 2), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(c => c.Name), Is.EqualTo(new[] { "Mice" }));
            Assert.That(page.TotalPages, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_category_by_id_has_its_visible_count()
    {
        var dto = await new GetCategoryByIdHandler(_store, TestUser.Customer).Handle(new GetCategoryById(2), CancellationToken.None);

        Assert.That(dto, Is.EqualTo(new CategoryDto(2, "Keyboards", "keyboards", 1)));
    }

    [Test]
    public void An_unknown_category_is_not_found()
    {
        Assert.ThrowsAsync<NotFoundException>(() => new GetCategoryByIdHandler(_store, TestUser.Staff).Handle(new GetCategoryById(99), CancellationToken.None));
    }

    [Test]
    public async Task Tags_are_ordered_by_name_with_the_count_of_products_the_caller_may_see()
    {
        var page = await new ListTagsHandler(_store, TestUser.Anonymous).Handle(new ListTags(), CancellationToken.None);

        Assert.That(page.Items, Is.EqualTo(new[] { new TagDto(7, "rgb", "rgb", 1), new TagDto(8, "wireless", "wireless", 1) }));
    }

    [Test]
    public async Task A_tag_by_id_counts_hidden_products_for_staff()
    {
        var dto = await new GetTagByIdHandler(_store, TestUser.Staff).Handle(new GetTagById(7), CancellationToken.None);

        Assert.That(dto.ProductCount, Is.EqualTo(3));
    }

    [Test]
    public void An_unknown_tag_is_not_found()
    {
        Assert.ThrowsAsync<NotFoundException>(() => new GetTagByIdHandler(_store, TestUser.Staff).Handle(new GetTagById(99), CancellationToken.None));
    }
}
