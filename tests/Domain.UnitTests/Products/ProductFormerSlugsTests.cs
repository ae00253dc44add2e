using Shop.Domain.Products;

namespace Shop.Domain.UnitTests.Products;

public class ProductFormerSlugsTests
{
    private static Product ASavedProduct(string slug = "a") => new ProductBuilder().WithSlug(slug).Build().WithId(7);

    private static IEnumerable<string> FormerSlugsOf(Product product) => product.FormerSlugs.Select(f => f.Slug);

    [Test]
    public void ChangeSlug_keeps_the_old_slug_of_a_saved_product()
    {
        var product = ASavedProduct("a");

        product.ChangeSlug("b");

        Assert.That(product.Slug, Is.EqualTo("b"));
        Assert.That(FormerSlugsOf(product), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void A_chain_of_renames_keeps_every_old_slug()
    {
        var product = ASavedProduct("a");

        product.ChangeSlug("b");
        product.ChangeSlug("c");

        Assert.That(FormerSlugsOf(product), Is.EquivalentTo(new[] { "a", "b" }));
    }

    [Test]
    public void Taking_back_a_former_slug_drops_it_and_keeps_the_one_left()
    {
        var product = ASavedProduct("a");
        product.ChangeSlug("b");

        product.ChangeSlug("a");

        Assert.That(product.Slug, Is.EqualTo("a"));
        Assert.That(FormerSlugsOf(product), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void The_same_slug_again_keeps_nothing()
    {
        var product = ASavedProduct("a");

        product.ChangeSlug("a");

        Assert.That(product.FormerSlugs, Is.Empty);
    }

    [Test]
    public void A_product_never_saved_keeps_no_former_slug()
    {
        var product = new ProductBuilder().WithSlug("a").Build();

        product.ChangeSlug("a-2");

        Assert.That(product.FormerSlugs, Is.Empty);
    }

    [Test]
    public void An_invalid_slug_changes_nothing()
    {
        var product = ASavedProduct("a");

        Assert.Throws<Shop.Domain.Common.DomainException>(() => product.ChangeSlug("Not A Slug"));

        Assert.That(product.Slug, Is.EqualTo("a"));
        Assert.That(product.FormerSlugs, Is.Empty);
    }
}
