using Shop.Domain.Common;

namespace Shop.Domain.UnitTests.Common;

public class SearchTextTests
{
    [TestCase("MX Board", "mx board")]
    [TestCase("Café Crème", "cafe creme")]
    [TestCase("STRASSE Straße", "strasse strasse")]
    [TestCase("Œuvre Ærø", "oeuvre aero")]
    [TestCase("ﬁle 50% off_now", "file 50% off_now")]
    [TestCase("İstanbul", "istanbul")]
    [TestCase("日本 キーボード", "日本 キーホート")]
    [TestCase("", "")]
    public void Normalize_folds_accents_and_case_and_keeps_everything_else(string text, string expected)
    {
        Assert.That(SearchText.Normalize(text), Is.EqualTo(expected));
    }

    [Test]
    public void Words_are_the_distinct_normalised_words_of_a_search()
    {
        Assert.That(SearchText.Words("  Board  MX\tboard café "), Is.EqualTo(new[] { "board", "mx", "cafe" }));
    }

    [Test]
    public void A_blank_search_has_no_words()
    {
        Assert.That(SearchText.Words(" \t "), Is.Empty);
    }

    [Test]
    public void Words_are_capped_so_a_long_search_stays_cheap()
    {
        Assert.That(SearchText.Words(string.Join(' ', Enumerable.Range(0, 50))), Has.Count.EqualTo(SearchText.MaxWords));
    }
}
