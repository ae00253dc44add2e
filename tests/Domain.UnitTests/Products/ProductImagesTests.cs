using Shop.Domain.Common;

namespace Shop.Domain.UnitTests.Products;

public class ProductImagesTests
{
    [Test]
    public void AddImage_keeps_the_key_alt_and_position()
    {
        var product = ProductBuilder.AProduct();

        var image = product.AddImage("products/2026/11/ab.png", "front", 2);

        Assert.Multiple(() =>
        {
            Assert.That(product.Images, Is.EquivalentTo(new[] { image }));
            Assert.That(image.Path, Is.EqualTo("products/2026/11/ab.png"));
            Assert.That(image.Alt, Is.EqualTo("front"));
            Assert.That(image.Position, Is.EqualTo(2));
        });
    }

    [Test]
    public void AddImage_without_alt_text_stores_an_empty_one()
    {
        var image = ProductBuilder.AProduct().AddImage("products/2026/11/ab.png", null, 0);

        Assert.That(image.Alt, Is.EqualTo(""));
    }

    [Test]
    public void AddImage_refuses_alt_text_over_120_characters()
    {
        var product = ProductBuilder.AProduct();

        var error = Assert.Throws<DomainException>(() => product.AddImage("products/2026/11/ab.png", new string('a', 121), 0));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Field, Is.EqualTo("alt"));
            Assert.That(product.Images, Is.Empty);
        });
    }

    [Test]
    public void AddImage_refuses_a_negative_position()
    {
        var product = ProductBuilder.AProduct();

        var error = Assert.Throws<DomainException>(() => product.AddImage("products/2026/11/ab.png", "", -1));

        Assert.That(error!.Field, Is.EqualTo("position"));
    }

    [Test]
    public void RemoveImage_removes_only_that_image_and_FindImage_finds_by_id()
    {
        var product = ProductBuilder.AProduct();
        var first = product.AddImage("products/2026/11/a.png", "", 0).WithId(1);
        var second = product.AddImage("products/2026/11/b.png", "", 1).WithId(2);

        product.RemoveImage(product.FindImage(1)!);

        Assert.Multiple(() =>
        {
            Assert.That(product.Images, Is.EquivalentTo(new[] { second }));
            Assert.That(product.FindImage(first.Id), Is.Null);
            Assert.That(product.FindImage(99), Is.Null);
        });
    }
}
