using Shop.Application.Categories.Commands;
using Shop.Application.Categories.Queries;
using static Shop.Application.UnitTests.Support.Validation;

namespace Shop.Application.UnitTests.Categories;

public class CategoryValidatorTests
{
    private readonly CreateCategoryValidator _create = new();
    private readonly UpdateCategoryValidator _update = new();

    [Test]
    public void Create_with_a_name_is_valid()
    {
        Assert.That(ErrorsOf(_create, new CreateCategory { Name = "Keyboards" }), Is.Empty);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Create_requires_a_name(string? name)
    {
        Assert.That(ErrorsOf(_create, new CreateCategory { Name = name }).Keys, Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void Create_allows_80_characters_and_refuses_81()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(_create, new CreateCategory { Name = new string('c', 80) }), Is.Empty);
            Assert.That(ErrorsOf(_create, new CreateCategory { Name = new string('c', 81) }), Does.ContainKey("name"));
        });
    }

    [Test]
    public void Create_checks_a_given_slug()
    {
        Assert.That(ErrorsOf(_create, new CreateCategory { Name = "Keyboards", Slug = "Key Boards" }), Does.ContainKey("slug"));
    }

    [Test]
    public void Put_requires_a_name()
    {
        Assert.That(ErrorsOf(_update, new UpdateCategory { Id = 3 }), Does.ContainKey("name"));
    }

    [Test]
    public void Patch_may_leave_the_name_out()
    {
        Assert.That(ErrorsOf(_update, new UpdateCategory { Id = 3, IsPatch = true }), Is.Empty);
    }

    [Test]
    public void Patch_with_a_blank_name_is_an_error_of_name()
    {
        Assert.That(ErrorsOf(_update, new UpdateCategory { Id = 3, IsPatch = true, Name = " " }), Does.ContainKey("name"));
    }

    [Test]
    public void Update_refuses_a_name_of_81_characters()
    {
        Assert.That(ErrorsOf(_update, new UpdateCategory { Id = 3, Name = new string('c', 81) }), Does.ContainKey("name"));
    }

    [Test]
    public void List_categories_checks_paging()
    {
        var validator = new ListCategoriesValidator();

        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(validator, new ListCategories()), Is.Empty);
            Assert.That(ErrorsOf(validator, new ListCategories(0, 101)).Keys, Is.EquivalentTo(new[] { "page", "pageSize" }));
        });
    }
}
