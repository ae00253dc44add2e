using Shop.Domain.Common;

namespace Shop.Domain.UnitTests.Common;

public class SlugTests
{
    [TestCase("MX Board", "mx-board")]
    [TestCase("Café Crème", "cafe-creme")]
    [TestCase("Crème brûlée", "creme-brulee")]
    [TestCase("Ünïcödé Ñandú", "unicode-nandu")]
    [TestCase("Hello,   World!!!", "hello-world")]
    [TestCase("a_b.c/d\\e", "a-b-c-d-e")]
    [TestCase("rock -- & -- roll", "rock-roll")]
    [TestCase("  --Leading and trailing--  ", "leading-and-trailing")]
    [TestCase("...dots...", "dots")]
    [TestCase("UPPER case", "upper-case")]
    [TestCase("Model 3000 XL", "model-3000-xl")]
    [TestCase("2026", "2026")]
    [TestCase("Straße", "strasse")]
    [TestCase("Œuvre Ærø", "oeuvre-aero")]
    [TestCase("ﬁle", "file")]
    [TestCase("naïve 日本 café", "naive-cafe")]
    [TestCase("日本語", "")]
    [TestCase("键盘 🎹", "")]
    [TestCase("!!! ??? ---", "")]
    [TestCase("", "")]
    [TestCase("   ", "")]
    public void From_makes_a_lowercase_ascii_slug(string text, string expected)
    {
        Assert.That(Slug.From(text), Is.EqualTo(expected));
    }

    [Test]
    public void From_null_is_empty()
    {
        Assert.That(Slug.From(null), Is.Empty);
    }

    [TestCase("MX Board")]
    [TestCase("Café Crème — édition 2026")]
    [TestCase("Straße & Œuvre")]
    public void From_always_gives_a_valid_slug_when_something_is_left(string text)
    {
        Assert.That(Slug.IsValid(Slug.From(text)), Is.True);
    }

    [Test]
    public void From_cuts_a_long_text_to_140_characters()
    {
        var slug = Slug.From(new string('a', 200));

        Assert.That(slug, Is.EqualTo(new string('a', Slug.MaxLength)));
    }

    [Test]
    public void From_never_ends_with_a_dash_when_the_cut_falls_on_one()
    {
        // 139 letters, then a separator that would become the 140th character.
        var slug = Slug.From(new string('a', 139) + " bbbbbbbbbb");

        Assert.That(slug, Is.EqualTo(new string('a', 139)));
    }

    [Test]
    public void From_a_long_sentence_stays_within_the_limit_and_valid()
    {
        var text = string.Concat(Enumerable.Repeat("Crème brûlée ", 30));

        var slug = Slug.From(text);

        Assert.Multiple(() =>
        {
            Assert.That(slug, Has.Length.LessThanOrEqualTo(Slug.MaxLength));
            Assert.That(slug, Does.Not.EndWith("-"));
            Assert.That(Slug.IsValid(slug), Is.True);
        });
    }

    [TestCase("mx-board", true)]
    [TestCase("a", true)]
    [TestCase("abc-123", true)]
    [TestCase("2026", true)]
    [TestCase("", false)]
    [TestCase(null, false)]
    [TestCase("mx--board", true)]
    [TestCase("-", true)]
    [TestCase("MX-board", false)]
    [TestCase("mx board", false)]
    [TestCase("mx_board", false)]
    [TestCase("café", false)]
    [TestCase("mx/board", false)]
    public void IsValid_accepts_only_lowercase_letters_digits_and_dashes(string? slug, bool expected)
    {
        Assert.That(Slug.IsValid(slug), Is.EqualTo(expected));
    }

    [Test]
    public void IsValid_accepts_140_characters_and_refuses_141()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Slug.IsValid(new string('a', 140)), Is.True);
            Assert.That(Slug.IsValid(new string('a', 141)), Is.False);
        });
    }

    [TestCase(2, "mx-board-2")]
    [TestCase(3, "mx-board-3")]
    [TestCase(10, "mx-board-10")]
    public void WithSuffix_appends_the_number(int n, string expected)
    {
        Assert.That(Slug.WithSuffix("mx-board", n), Is.EqualTo(expected));
    }

    [Test]
    public void WithSuffix_of_the_first_candidate_is_the_slug_itself()
    {
        Assert.That(Slug.WithSuffix("mx-board", 1), Is.EqualTo("mx-board"));
    }

    [TestCase(2)]
    [TestCase(10)]
    [TestCase(1000)]
    public void WithSuffix_never_goes_past_140_characters(int n)
    {
        var longest = new string('a', Slug.MaxLength);

        var candidate = Slug.WithSuffix(longest, n);

        Assert.Multiple(() =>
        {
            Assert.That(candidate, Has.Length.EqualTo(Slug.MaxLength));
            Assert.That(candidate, Does.EndWith("-" + n));
            Assert.That(Slug.IsValid(candidate), Is.True);
        });
    }

    [Test]
    public void WithSuffix_does_not_leave_a_double_dash_where_the_base_is_cut()
    {
        // Cutting 2 characters for "-2" leaves the base ending in '-'.
        var baseSlug = new string('a', 137) + "-bb";

        var candidate = Slug.WithSuffix(baseSlug, 2);

        Assert.Multiple(() =>
        {
            Assert.That(candidate, Is.EqualTo(new string('a', 137) + "-2"));
            Assert.That(candidate, Does.Not.Contain("--"));
        });
    }
}
