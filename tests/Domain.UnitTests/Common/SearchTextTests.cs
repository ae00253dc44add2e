using Shop.Domain.Common;

namespace Shop.Domain.UnitTests.Common;

public sealed class SearchTextTests
{
    [TestCase("Café Crème", "cafe creme")]
    [TestCase("CRÈME BRÛLÉE", "creme brulee")]
    [TestCase("Ｆｕｌｌ width", "full width")]
    [TestCase("tab\there\u00A0nbsp", "tab here nbsp")]
    [TestCase("ﬁne", "fine")]
    public void Normalize_drops_accents_and_case_and_unifies_spaces(string text, string expected) =>
        Assert.That(SearchText.Normalize(text), Is.EqualTo(expected));

    [Test]
    public void Words_are_the_distinct_normalised_words_of_a_query()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SearchText.Words("  Board  MX board "), Is.EqualTo(new[] { "board", "mx" }));
            Assert.That(SearchText.Words(null), Is.Empty);
            Assert.That(SearchText.Words("   "), Is.Empty);
            Assert.That(SearchText.Words(string.Join(' ', Enumerable.Range(0, 20))), Has.Count.EqualTo(SearchText.MaxWords));
        });
    }

    [Test]
    public void A_products_search_text_puts_name_and_description_on_separate_lines()
    {
        var product = Shop.Domain.Products.Product.Create("Café Board", "cafe-board", 10m, DateTime.UtcNow);
        product.Describe("Walnut\nand oak");

        Assert.Multiple(() =>
        {
            Assert.That(product.SearchName, Is.EqualTo("cafe board"));
            Assert.That(product.SearchText, Is.EqualTo("cafe board\nwalnut and oak"));
        });
        product.Rename("Tea Board");
        Assert.That(product.SearchText, Is.EqualTo("tea board\nwalnut and oak"));
    }
}
