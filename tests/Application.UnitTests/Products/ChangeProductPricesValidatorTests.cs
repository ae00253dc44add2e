using Shop.Application.Products.Commands;
using Shop.Application.UnitTests.Support;

namespace Shop.Application.UnitTests.Products;

/// <summary>The bulk price change's own fields: exactly one of amount or percent, each refused with a message of its own.</summary>
public class ChangeProductPricesValidatorTests
{
    private static IReadOnlyDictionary<string, string[]> ErrorsOf(ChangeProductPrices request) =>
        Validation.ErrorsOf(new ChangeProductPricesValidator(), request);

    [TestCase(-100.5)]
    [TestCase(100000.01)]
    public void A_percent_outside_the_range_names_the_range(decimal percent)
    {
        Assert.That(ErrorsOf(new ChangeProductPrices { Percent = percent })["percent"],
            Is.EqualTo(new[] { "The percent must be between -100 and 100000." }));
    }

    [Test]
    public void Both_or_neither_is_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(new ChangeProductPrices()), Does.ContainKey("amount"));
            Assert.That(ErrorsOf(new ChangeProductPrices { Amount = 1, Percent = 1 }), Does.ContainKey("percent"));
            Assert.That(ErrorsOf(new ChangeProductPrices { Percent = -10 }), Is.Empty);
        });
    }
}
