using Shop.Domain.Products;

namespace Shop.Domain.UnitTests.Products;

public class ProductStatusMovesTests
{
    [TestCase(ProductStatus.Draft, ProductStatus.Draft, true)]
    [TestCase(ProductStatus.Draft, ProductStatus.Published, true)]
    [TestCase(ProductStatus.Draft, ProductStatus.Archived, true)]
    [TestCase(ProductStatus.Published, ProductStatus.Draft, false)]
    [TestCase(ProductStatus.Published, ProductStatus.Published, true)]
    [TestCase(ProductStatus.Published, ProductStatus.Archived, true)]
    [TestCase(ProductStatus.Archived, ProductStatus.Draft, true)]
    [TestCase(ProductStatus.Archived, ProductStatus.Published, false)]
    [TestCase(ProductStatus.Archived, ProductStatus.Archived, true)]
    public void IsAllowed_follows_the_workflow_table(ProductStatus from, ProductStatus to, bool allowed)
    {
        Assert.That(ProductStatusMoves.IsAllowed(from, to), Is.EqualTo(allowed));
    }

    [Test]
    public void The_table_covers_every_status_pair()
    {
        var statuses = Enum.GetValues<ProductStatus>();

        var allowedMoves = statuses.SelectMany(f => statuses.Where(t => f != t && ProductStatusMoves.IsAllowed(f, t)).Select(t => (f, t)));

        Assert.That(allowedMoves, Is.EquivalentTo(new[]
        {
            (ProductStatus.Draft, ProductStatus.Published),
            (ProductStatus.Draft, ProductStatus.Archived),
            (ProductStatus.Published, ProductStatus.Archived),
            (ProductStatus.Archived, ProductStatus.Draft),
        }));
    }
}
