using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Microsoft.AspNetCore.WebUtilities;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages;

/// <summary>The storefront <c>/</c>: 10 visible products a page, search, category filter, "Page X of Y" with Prev/Next.</summary>
public sealed class StorefrontPageTests(string provider) : PageTestBase(provider)
{
    private PageClient _visitor = null!;

    [OneTimeSetUp]
    public void CreateVisitor() => _visitor = NewVisitor();

    [OneTimeTearDown]
    public void DisposeVisitor() => _visitor?.Dispose();

    /// <summary>The product links of a storefront page: the anchors to /products/{slug} in the main content.</summary>
    private static List<string> ProductSlugs(PageAnswer page) =>
        page.Document.QuerySelectorAll("main a[href^='/products/']")
            .Select(a => a.GetAttribute("href")!["/products/".Length..])
            .Where(s => !s.Contains('/', StringComparison.Ordinal))
            .Distinct()
            .ToList();

    private static IElement? LinkLabelled(PageAnswer page, string label) =>
        page.Document.QuerySelectorAll("main a").FirstOrDefault(a => a.TextContent.Contains(label, StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, string> QueryOf(string href)
    {
        var at = href.IndexOf('?', StringComparison.Ordinal);
        return at < 0 ? [] : QueryHelpers.ParseQuery(href[at..]).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
    }

    private async Task<PageAnswer> OpenAsync(string url)
    {
        var page = await _visitor.GetAsync(url);
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        Assert.That(page.MediaType, Is.EqualTo("text/html"));
        return page;
    }

    [Test]
    public async Task Storefront_shows_ten_products_a_page_with_page_x_of_y_and_next_prev_links_that_keep_the_search()
    {
        var word = Word();
        var created = new List<string>();
        for (var i = 0; i < 23; i++) created.Add(SlugOf(await CreateListedProductAsync(word)));

        var first = await OpenAsync($"/?q={word}");
        Assert.Multiple(() =>
        {
            Assert.That(ProductSlugs(first), Has.Count.EqualTo(10), first.Describe());
            Assert.That(first.VisibleText, Does.Contain("Page 1 of 3"));
            Assert.That(LinkLabelled(first, "Prev"), Is.Null, "no Prev link on page 1");
        });
        var next = LinkLabelled(first, "Next")?.GetAttribute("href");
        Assert.That(next, Is.Not.Null, "a Next link on page 1");
        Assert.That(QueryOf(next!), Is.EquivalentTo(new Dictionary<string, string> { ["q"] = word, ["page"] = "2" }));

        var second = await OpenAsync(next!.StartsWith('?') ? "/" + next : next);
        Assert.Multiple(() =>
        {
            Assert.That(ProductSlugs(second), Has.Count.EqualTo(10));
            Assert.That(second.VisibleText, Does.Contain("Page 2 of 3"));
        });
        var prev = LinkLabelled(second, "Prev")?.GetAttribute("href");
        Assert.That(prev, Is.Not.Null, "a Prev link on page 2");
        Assert.That(QueryOf(prev!), Does.ContainKey("q").WithValue(word));
        Assert.That(QueryOf(prev!).GetValueOrDefault("page", "1"), Is.EqualTo("1"));

        var third = await OpenAsync($"/?q={word}&page=3");
        Assert.Multiple(() =>
        {
            Assert.That(ProductSlugs(third), Has.Count.EqualTo(3));
            Assert.That(third.VisibleText, Does.Contain("Page 3 of 3"));
            Assert.That(LinkLabelled(third, "Next"), Is.Null, "no Next link on the last page");
            Assert.That(ProductSlugs(first).Concat(ProductSlugs(second)).Concat(ProductSlugs(third)), Is.EquivalentTo(created),
                "the three pages together show every product once");
        });
    }

    [Test]
    public async Task Search_is_case_insensitive_and_matches_the_name_or_the_description()
    {
        var word = Word();
        var byName = await CreateListedProductAsync(word.ToUpperInvariant());
        var byDescription = await CreatePublishedProductAsync(new JsonObject
        {
            ["name"] = Unique("Plain "),
            ["price"] = 5,
            ["description"] = $"Made with {char.ToUpperInvariant(word[0])}{word[1..]} inside",
        });
        var other = await CreateListedProductAsync(Word());

        foreach (var q in new[] { word, word.ToUpperInvariant() })
        {
            var page = await OpenAsync($"/?q={q}");
            Assert.That(ProductSlugs(page), Is.EquivalentTo(new[] { SlugOf(byName), SlugOf(byDescription) }), $"q={q}");
            Assert.That(ProductSlugs(page), Has.No.Member(SlugOf(other)));
        }
    }

    [Test]
    public async Task Category_filter_shows_only_that_category_and_the_paging_links_keep_it()
    {
        var word = Word();
        var category = await CreateCategoryAsync();
        var categorySlug = category["slug"]!.GetValue<string>();
        var inside = new List<string>();
        for (var i = 0; i < 12; i++)
            inside.Add(SlugOf(await CreateListedProductAsync(word, change: b => b["categoryId"] = IdOf(category))));
        var outside = SlugOf(await CreateListedProductAsync(word));

        var first = await OpenAsync($"/?q={word}&category={categorySlug}");
        Assert.Multiple(() =>
        {
            Assert.That(ProductSlugs(first), Has.Count.EqualTo(10));
            Assert.That(first.VisibleText, Does.Contain("Page 1 of 2"));
        });
        var next = LinkLabelled(first, "Next")?.GetAttribute("href");
        Assert.That(next, Is.Not.Null);
        Assert.That(QueryOf(next!), Is.EquivalentTo(new Dictionary<string, string> { ["q"] = word, ["category"] = categorySlug, ["page"] = "2" }));

        var second = await OpenAsync(next!.StartsWith('?') ? "/" + next : next);
        Assert.That(ProductSlugs(first).Concat(ProductSlugs(second)), Is.EquivalentTo(inside));
        Assert.That(ProductSlugs(second), Has.No.Member(outside));
        var prev = LinkLabelled(second, "Prev")?.GetAttribute("href");
        Assert.That(prev, Is.Not.Null);
        Assert.That(QueryOf(prev!), Does.ContainKey("category").WithValue(categorySlug));

        var categoryOnly = await OpenAsync($"/?category={categorySlug}");
        Assert.That(categoryOnly.VisibleText, Does.Contain("Page 1 of 2"), "the category alone, without a search");
    }

    [Test]
    public async Task Drafts_archived_and_inactive_products_are_not_listed()
    {
        var word = Word();
        var listed = await CreateListedProductAsync(word);
        var draft = await CreateListedProductAsync(word, change: b => b["status"] = "draft");
        var inactive = await CreateListedProductAsync(word, change: b => b["isActive"] = false);
        var archived = await CreateListedProductAsync(word, change: b => b["status"] = "archived");

        var page = await OpenAsync($"/?q={word}");

        Assert.That(ProductSlugs(page), Is.EqualTo(new[] { SlugOf(listed) }));
        Assert.That(page.Text, Does.Not.Contain(NameOf(draft)).And.Not.Contain(NameOf(inactive)).And.Not.Contain(NameOf(archived)));
    }

    [Test]
    public async Task A_search_that_matches_nothing_says_so_on_page_1_of_1()
    {
        var page = await OpenAsync($"/?q={Word()}");
        Assert.Multiple(() =>
        {
            Assert.That(ProductSlugs(page), Is.Empty);
            Assert.That(page.VisibleText, Does.Contain("Page 1 of 1"));
            Assert.That(page.VisibleText, Does.Contain("No products").IgnoreCase);
        });
    }

    [Test]
    public async Task The_search_box_and_category_filter_show_what_was_asked()
    {
        var word = Word();
        var category = await CreateCategoryAsync();
        var page = await OpenAsync($"/?q={word}&category={category["slug"]}");
        var search = page.Document.QuerySelector("main form input[name='q']");
        var select = page.Document.QuerySelector("main form select[name='category']") as AngleSharp.Html.Dom.IHtmlSelectElement;
        Assert.That(search?.GetAttribute("value"), Is.EqualTo(word));
        Assert.That(select?.Value, Is.EqualTo(category["slug"]!.GetValue<string>()));
    }

    [Test]
    public async Task Product_names_are_html_escaped()
    {
        var word = Word();
        var product = await CreateListedProductAsync(word, change: b => b["name"] = $"<script>alert(1)</script> {word}");
        var page = await OpenAsync($"/?q={word}");
        Assert.That(page.Text, Does.Not.Contain("<script>alert(1)</script>"));
        Assert.That(page.VisibleText, Does.Contain(NameOf(product)));
    }
}
