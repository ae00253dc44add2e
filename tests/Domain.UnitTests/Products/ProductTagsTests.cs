using Shop.Domain.Common;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Domain.UnitTests.Products;

public class ProductTagsTests
{
    private readonly Tag _mechanical = ATag.Named("mechanical");
    private readonly Tag _wireless = ATag.Named("wireless");
    private readonly Tag _rgb = ATag.Named("rgb");

    [Test]
    public void SetTags_adds_the_listed_tags_with_their_weights()
    {
        var product = ProductBuilder.AProduct();

        product.SetTags([(_mechanical, 5), (_wireless, 1)]);

        Assert.That(WeightsOf(product), Is.EquivalentTo(new[] { ("mechanical", 5), ("wireless", 1) }));
    }

    [Test]
    public void SetTags_links_back_to_the_product()
    {
        var product = ProductBuilder.AProduct();

        product.SetTags([(_mechanical, 5)]);

        Assert.Multiple(() =>
        {
            Assert.That(product.Tags.Single().Product, Is.SameAs(product));
            Assert.That(product.Tags.Single().Tag, Is.SameAs(_mechanical));
        });
    }

    [Test]
    public void SetTags_reweights_a_tag_already_linked_without_a_second_link()
    {
        var product = ProductBuilder.AProduct();
        product.SetTags([(_mechanical, 5)]);
        var link = product.Tags.Single();

        product.SetTags([(_mechanical, 9)]);

        Assert.Multiple(() =>
        {
            Assert.That(product.Tags, Has.Count.EqualTo(1));
            Assert.That(product.Tags.Single(), Is.SameAs(link));
            Assert.That(link.Weight, Is.EqualTo(9));
        });
    }

    [Test]
    public void SetTags_reweights_a_saved_tag_matched_by_id()
    {
        var product = ProductBuilder.AProduct();
        var saved = ATag.Named("mechanical").WithId(7);
        product.SetTags([(saved, 5)]);
        var sameTagLoadedAgain = ATag.Named("mechanical").WithId(7);

        product.SetTags([(sameTagLoadedAgain, 2)]);

        Assert.That(WeightsOf(product), Is.EqualTo(new[] { ("mechanical", 2) }));
    }

    [Test]
    public void SetTags_removes_the_tags_not_listed()
    {
        var product = ProductBuilder.AProduct();
        product.SetTags([(_mechanical, 5), (_wireless, 1), (_rgb, 3)]);

        product.SetTags([(_wireless, 1)]);

        Assert.That(WeightsOf(product), Is.EqualTo(new[] { ("wireless", 1) }));
    }

    [Test]
    public void SetTags_with_nothing_removes_every_tag()
    {
        var product = ProductBuilder.AProduct();
        product.SetTags([(_mechanical, 5)]);

        product.SetTags([]);

        Assert.That(product.Tags, Is.Empty);
    }

    [Test]
    public void SetTags_rejects_the_same_tag_twice_and_changes_nothing()
    {
        var product = ProductBuilder.AProduct();
        product.SetTags([(_rgb, 3)]);

        Assert.Multiple(() =>
        {
            Assert.That(() => product.SetTags([(_mechanical, 5), (_mechanical, 2)]),
                Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("tags"));
            Assert.That(WeightsOf(product), Is.EqualTo(new[] { ("rgb", 3) }));
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(1001)]
    public void SetTags_rejects_a_weight_outside_1_to_1000_and_changes_nothing(int weight)
    {
        var product = ProductBuilder.AProduct();
        product.SetTags([(_rgb, 3)]);

        Assert.Multiple(() =>
        {
            Assert.That(() => product.SetTags([(_mechanical, 5), (_wireless, weight)]),
                Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("tags"));
            Assert.That(WeightsOf(product), Is.EqualTo(new[] { ("rgb", 3) }));
        });
    }

    [TestCase(1)]
    [TestCase(1000)]
    public void SetTags_accepts_the_weight_bounds(int weight)
    {
        var product = ProductBuilder.AProduct();

        product.SetTags([(_mechanical, weight)]);

        Assert.That(product.Tags.Single().Weight, Is.EqualTo(weight));
    }

    private static (string Slug, int Weight)[] WeightsOf(Product product) =>
        product.Tags.Select(t => (t.Tag.Slug, t.Weight)).ToArray();
}
