using Shop.Application.Common;

namespace Shop.Application.UnitTests.Common;

public class UniqueSlugTests
{
    private static Func<string, CancellationToken, Task<IReadOnlyCollection<string>>> Taken(params string[] slugs) =>
        (_, _) => Task.FromResult<IReadOnlyCollection<string>>(slugs);

    [Test]
    public async Task A_free_slug_is_the_slug_of_the_name()
    {
        Assert.That(await UniqueSlug.ForNameAsync("MX Board", "product", Taken(), CancellationToken.None), Is.EqualTo("mx-board"));
    }

    [Test]
    public async Task A_taken_slug_gets_dash_2()
    {
        Assert.That(await UniqueSlug.ForNameAsync("MX Board", "product", Taken("mx-board"), CancellationToken.None), Is.EqualTo("mx-board-2"));
    }

    [Test]
    public async Task The_first_free_suffix_is_used()
    {
        var slug = await UniqueSlug.ForNameAsync("MX Board", "product", Taken("mx-board", "mx-board-2", "mx-board-4"), CancellationToken.None);

        Assert.That(slug, Is.EqualTo("mx-board-3"));
    }

    [Test]
    public async Task It_asks_for_the_slugs_like_the_base_slug()
    {
        string? asked = null;

        await UniqueSlug.ForNameAsync("Café Crème", "product", (s, _) =>
        {
            asked = s;
            return Task.FromResult<IReadOnlyCollection<string>>([]);
        }, CancellationToken.None);

        Assert.That(asked, Is.EqualTo("cafe-creme"));
    }

    [Test]
    public async Task A_name_with_nothing_sluggable_uses_the_fallback()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await UniqueSlug.ForNameAsync("日本語", "product", Taken(), CancellationToken.None), Is.EqualTo("product"));
            Assert.That(await UniqueSlug.ForNameAsync("日本語", "product", Taken("product"), CancellationToken.None), Is.EqualTo("product-2"));
        });
    }
}
