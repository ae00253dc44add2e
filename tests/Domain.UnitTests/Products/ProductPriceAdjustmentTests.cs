using Shop.Domain.Common;

namespace Shop.Domain.UnitTests.Products;

public class ProductPriceAdjustmentTests
{
    [TestCase(100, 0.01, 100.01)]
    [TestCase(100, -0.01, 99.99)]
    [TestCase(100, -100, 0)]
    [TestCase(99999.99, 0.01, 100000)]
    [TestCase(0, 100000, 100000)]
    public void AdjustPrice_adds_the_amount_within_the_range(decimal price, decimal amount, decimal expected)
    {
        var product = new ProductBuilder().Priced(price).Build();

        product.AdjustPrice(amount);

        Assert.That(product.Price, Is.EqualTo(expected));
    }

    [TestCase(100, 0)]
    [TestCase(100, 0.001)]
    [TestCase(100, -1.005)]
    [TestCase(100, -100.01)]
    [TestCase(100, 99900.01)]
    [TestCase(0, -0.01)]
    [TestCase(100000, 0.01)]
    public void AdjustPrice_refused_leaves_the_price_unchanged(decimal price, decimal amount)
    {
        var product = new ProductBuilder().Priced(price).Build();

        Assert.Multiple(() =>
        {
            Assert.That(() => product.AdjustPrice(amount),
                Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("amount"));
            Assert.That(product.Price, Is.EqualTo(price));
        });
    }

    [Test]
    public void AdjustPrice_by_an_amount_far_above_the_range_is_refused_as_out_of_range()
    {
        var product = new ProductBuilder().Priced(100m).Build();

        Assert.Multiple(() =>
        {
            Assert.That(() => product.AdjustPrice(decimal.MaxValue),
                Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("amount"));
            Assert.That(product.Price, Is.EqualTo(100m));
        });
    }
}
