using Shop.Domain.Common;
using Shop.Domain.Products;

namespace Shop.Domain.UnitTests.Products;

public class ProductStatusTests
{
    private static readonly DateTime Later = ProductBuilder.CreatedAt.AddDays(1);

    [TestCase(ProductStatus.Draft, ProductStatus.Published)]
    [TestCase(ProductStatus.Draft, ProductStatus.Archived)]
    [TestCase(ProductStatus.Published, ProductStatus.Archived)]
    [TestCase(ProductStatus.Archived, ProductStatus.Draft)]
    public void MoveTo_makes_every_allowed_move(ProductStatus from, ProductStatus to)
    {
        var product = new ProductBuilder().In(from).Build();

        product.MoveTo(to, Later);

        Assert.That(product.Status, Is.EqualTo(to));
    }

    [TestCase(ProductStatus.Published, ProductStatus.Draft)]
    [TestCase(ProductStatus.Archived, ProductStatus.Published)]
    public void MoveTo_refuses_every_forbidden_move_and_keeps_the_status(ProductStatus from, ProductStatus to)
    {
        var product = new ProductBuilder().In(from).Build();

        Assert.Multiple(() =>
        {
            Assert.That(() => product.MoveTo(to, Later),
                Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("status"));
            Assert.That(product.Status, Is.EqualTo(from));
        });
    }

    [TestCase(ProductStatus.Draft)]
    [TestCase(ProductStatus.Published)]
    [TestCase(ProductStatus.Archived)]
    public void MoveTo_the_current_status_changes_nothing(ProductStatus status)
    {
        var product = new ProductBuilder().In(status).Build();
        var publishedAt = product.PublishedAt;

        product.MoveTo(status, Later);

        Assert.Multiple(() =>
        {
            Assert.That(product.Status, Is.EqualTo(status));
            Assert.That(product.PublishedAt, Is.EqualTo(publishedAt));
        });
    }

    [Test]
    public void Publish_sets_published_at_the_first_time()
    {
        var product = ProductBuilder.AProduct();

        product.Publish(Later);

        Assert.Multiple(() =>
        {
            Assert.That(product.Status, Is.EqualTo(ProductStatus.Published));
            Assert.That(product.PublishedAt, Is.EqualTo(Later));
        });
    }

    [Test]
    public void Publish_is_idempotent_and_keeps_the_first_published_at()
    {
        var product = ProductBuilder.AProduct();
        product.Publish(Later);

        product.Publish(Later.AddDays(1));

        Assert.Multiple(() =>
        {
            Assert.That(product.Status, Is.EqualTo(ProductStatus.Published));
            Assert.That(product.PublishedAt, Is.EqualTo(Later));
        });
    }

    [Test]
    public void Publish_sets_published_at_only_the_first_time()
    {
        var product = ProductBuilder.AProduct();

        product.Publish(Later);
        product.Archive(Later.AddDays(1));
        product.MoveTo(ProductStatus.Draft, Later.AddDays(2));
        product.Publish(Later.AddDays(3));

        Assert.Multiple(() =>
        {
            Assert.That(product.Status, Is.EqualTo(ProductStatus.Published));
            Assert.That(product.PublishedAt, Is.EqualTo(Later));
        });
    }

    [Test]
    public void Archive_does_not_touch_published_at()
    {
        var product = ProductBuilder.AProduct();

        product.Archive(Later);

        Assert.Multiple(() =>
        {
            Assert.That(product.Status, Is.EqualTo(ProductStatus.Archived));
            Assert.That(product.PublishedAt, Is.Null);
        });
    }

    [Test]
    public void Publish_of_an_archived_product_is_refused()
    {
        var product = new ProductBuilder().In(ProductStatus.Archived).Build();

        Assert.Multiple(() =>
        {
            Assert.That(() => product.Publish(Later), Throws.TypeOf<DomainException>());
            Assert.That(product.PublishedAt, Is.Null);
        });
    }
}
