using Shop.Domain.Categories;
using Shop.Domain.Common;

namespace Shop.Domain.UnitTests.Categories;

public class CategoryTests
{
    [Test]
    public void Create_sets_a_trimmed_name_and_the_slug()
    {
        var category = Category.Create("  Keyboards ", "keyboards");

        Assert.Multiple(() =>
        {
            Assert.That(category.Name, Is.EqualTo("Keyboards"));
            Assert.That(category.Slug, Is.EqualTo("keyboards"));
        });
    }

    [TestCase("")]
    [TestCase("  ")]
    public void Create_rejects_an_empty_name(string name)
    {
        Assert.That(() => Category.Create(name, "keyboards"),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("name"));
    }

    [Test]
    public void Create_accepts_80_characters_and_rejects_81()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Category.Create(new string('c', 80), "c").Name, Has.Length.EqualTo(80));
            Assert.That(() => Category.Create(new string('c', 81), "c"),
                Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("name"));
        });
    }

    [TestCase("Keyboards")]
    [TestCase("")]
    [TestCase("key boards")]
    public void Create_rejects_an_invalid_slug(string slug)
    {
        Assert.That(() => Category.Create("Keyboards", slug),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("slug"));
    }

    [Test]
    public void Rename_trims_and_keeps_the_slug()
    {
        var category = Category.Create("Keyboards", "keyboards");

        category.Rename(" Mice ");

        Assert.Multiple(() =>
        {
            Assert.That(category.Name, Is.EqualTo("Mice"));
            Assert.That(category.Slug, Is.EqualTo("keyboards"));
        });
    }

    [TestCase(" ")]
    [TestCase("0123456789012345678901234567890123456789012345678901234567890123456789012345678901")]
    public void Rename_refused_keeps_the_old_name(string name)
    {
        var category = Category.Create("Keyboards", "keyboards");

        Assert.Multiple(() =>
        {
            Assert.That(() => category.Rename(name), Throws.TypeOf<DomainException>());
            Assert.That(category.Name, Is.EqualTo("Keyboards"));
        });
    }

    [Test]
    public void ChangeSlug_refuses_an_invalid_slug_and_keeps_the_old_one()
    {
        var category = Category.Create("Keyboards", "keyboards");

        Assert.Multiple(() =>
        {
            Assert.That(() => category.ChangeSlug("Key Boards"), Throws.TypeOf<DomainException>());
            Assert.That(category.Slug, Is.EqualTo("keyboards"));
        });
    }
}
