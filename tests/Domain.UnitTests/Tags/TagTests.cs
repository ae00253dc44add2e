using Shop.Domain.Common;
using Shop.Domain.Tags;

namespace Shop.Domain.UnitTests.Tags;

public class TagTests
{
    [Test]
    public void Create_sets_a_trimmed_name_the_slug_and_no_id_yet()
    {
        var tag = Tag.Create(" mechanical ", "mechanical");

        Assert.Multiple(() =>
        {
            Assert.That(tag.Name, Is.EqualTo("mechanical"));
            Assert.That(tag.Slug, Is.EqualTo("mechanical"));
            Assert.That(tag.Id, Is.Zero);
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Create_rejects_an_empty_name(string name)
    {
        Assert.That(() => Tag.Create(name, "mechanical"),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("name"));
    }

    [Test]
    public void Create_accepts_40_characters_and_rejects_41()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Tag.Create(new string('t', 40), "t").Name, Has.Length.EqualTo(40));
            Assert.That(() => Tag.Create(new string('t', 41), "t"),
                Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("name"));
        });
    }

    [Test]
    public void Create_rejects_an_invalid_slug()
    {
        Assert.That(() => Tag.Create("mechanical", "Mechanical!"),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("slug"));
    }

    [Test]
    public void Rename_trims_and_keeps_the_slug()
    {
        var tag = Tag.Create("mechanical", "mechanical");

        tag.Rename("  tactile ");

        Assert.Multiple(() =>
        {
            Assert.That(tag.Name, Is.EqualTo("tactile"));
            Assert.That(tag.Slug, Is.EqualTo("mechanical"));
        });
    }

    [Test]
    public void Rename_refuses_41_characters_and_keeps_the_old_name()
    {
        var tag = Tag.Create("mechanical", "mechanical");

        Assert.Multiple(() =>
        {
            Assert.That(() => tag.Rename(new string('t', 41)), Throws.TypeOf<DomainException>());
            Assert.That(tag.Name, Is.EqualTo("mechanical"));
        });
    }

    [Test]
    public void ChangeSlug_sets_a_valid_slug()
    {
        var tag = Tag.Create("mechanical", "mechanical");

        tag.ChangeSlug("mech");

        Assert.That(tag.Slug, Is.EqualTo("mech"));
    }
}
