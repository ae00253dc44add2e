using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages;

/// <summary><c>/products/{slug}</c>, <c>/about</c> and the layout every page shares.</summary>
public sealed class ProductDetailPageTests(string provider) : PageTestBase(provider)
{
    [Test]
    public async Task Detail_shows_name_description_with_line_breaks_price_category_and_tags()
    {
        var category = await CreateCategoryAsync();
        var tagA = await CreateTagAsync();
        var tagB = await CreateTagAsync();
        var product = await CreateListedProductAsync(Word(), 12.5m, b =>
        {
            b["description"] = "First line\nSecond line";
            b["categoryId"] = IdOf(category);
            b["tags"] = new JsonArray(new JsonObject { ["slug"] = tagA["slug"]!.GetValue<string>() }, new JsonObject { ["slug"] = tagB["slug"]!.GetValue<string>() });
        });

        using var visitor = NewVisitor();
        var page = await visitor.GetAsync($"/products/{SlugOf(product)}");

        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        Assert.Multiple(() =>
        {
            Assert.That(page.Document.QuerySelector("h1")?.TextContent.Trim(), Is.EqualTo(NameOf(product)));
            Assert.That(Regex.IsMatch(page.Text, @"First line\s*(<br\s*/?>|</p>\s*<p[^>]*>)\s*Second line"), Is.True,
                "the description's line break is kept as a break in the HTML");
            Assert.That(page.VisibleText, Does.Match(@"12\.50?\b"), "the price");
            Assert.That(page.VisibleText, Does.Contain(category["name"]!.GetValue<string>()));
            Assert.That(page.VisibleText, Does.Contain(tagA["name"]!.GetValue<string>()));
            Assert.That(page.VisibleText, Does.Contain(tagB["name"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task Detail_escapes_html_in_the_name_and_description()
    {
        var product = await CreateListedProductAsync(Word(), change: b =>
        {
            b["name"] = $"<b>Bold</b> {Word()}";
            b["description"] = "<script>alert('x')</script>";
        });
        using var visitor = NewVisitor();
        var page = await visitor.GetAsync($"/products/{SlugOf(product)}");
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Text, Does.Not.Contain("<b>Bold</b>").And.Not.Contain("<script>alert('x')</script>"));
        Assert.That(page.VisibleText, Does.Contain(NameOf(product)).And.Contain("<script>alert('x')</script>"));
    }

    [Test]
    public async Task Accented_text_is_written_as_itself_not_as_character_references()
    {
        // "Café" in the HTML, as a client that searches the page's text (curl | grep, a crawler, a test) expects.
        var product = await CreateListedProductAsync(Word(), change: b =>
        {
            b["name"] = $"Café Crème Ünïcödé {Word()}";
            b["description"] = "Größe: 50 × 50 — naïve";
        });
        using var visitor = NewVisitor();
        var page = await visitor.GetAsync($"/products/{SlugOf(product)}");
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        Assert.That(page.Text, Does.Contain(NameOf(product)).And.Contain("Größe: 50 × 50 — naïve").And.Not.Contain("&#x"));
    }

    [Test]
    public async Task Unknown_slug_answers_a_friendly_404_page()
    {
        using var visitor = NewVisitor();
        var page = await visitor.GetAsync($"/products/{Word()}");
        AssertFriendly404(page);
    }

    [Test]
    public async Task Hidden_products_answer_404_to_visitors_and_ordinary_users_but_open_for_staff()
    {
        var draft = await CreateProductAsync();
        var inactive = await CreateListedProductAsync(Word(), change: b => b["isActive"] = false);
        using var visitor = NewVisitor();
        using var user = await SignedInAsync(staff: false);
        using var staff = await SignedInAsync(staff: true);

        foreach (var slug in new[] { SlugOf(draft), SlugOf(inactive) })
        {
            AssertFriendly404(await visitor.GetAsync($"/products/{slug}"));
            AssertFriendly404(await user.GetAsync($"/products/{slug}"));
            var asStaff = await staff.GetAsync($"/products/{slug}");
            Assert.That(asStaff.Status, Is.EqualTo(HttpStatusCode.OK), asStaff.Describe());
        }
    }

    private static void AssertFriendly404(PageAnswer page)
    {
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.NotFound), page.Describe());
        Assert.Multiple(() =>
        {
            Assert.That(page.MediaType, Is.EqualTo("text/html"), "a page, not a bare status");
            Assert.That(page.Document.QuerySelector("h1")?.TextContent, Does.Contain("not found").IgnoreCase, page.Describe());
            Assert.That(page.Document.QuerySelector("a[href='/']"), Is.Not.Null, "a way back to the shop");
        });
    }

    [Test]
    public async Task About_is_a_static_page_with_its_own_stylesheet_besides_the_site_one()
    {
        using var visitor = NewVisitor();
        var page = await visitor.GetAsync("/about");
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        var sheets = page.Document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")).ToList();
        Assert.That(sheets, Has.Some.Match(@"^/css/site(\.[a-z0-9]+)?\.css$"));
        Assert.That(sheets, Has.Some.Match(@"^/css/about(\.[a-z0-9]+)?\.css$"));

        var home = await visitor.GetAsync("/");
        Assert.That(home.Document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")),
            Has.None.Contains("about"), "about.css belongs to the About page only");
    }

    [Test]
    public async Task Layout_shows_site_name_nav_and_a_log_in_link_to_visitors()
    {
        using var visitor = NewVisitor();
        var page = await visitor.GetAsync("/about");
        var login = page.Document.QuerySelectorAll("header a").FirstOrDefault(a => a.TextContent.Trim() == "Log in");
        Assert.Multiple(() =>
        {
            Assert.That(page.Document.QuerySelector("header")?.TextContent, Does.Contain("Shop"));
            Assert.That(page.Document.QuerySelectorAll("header nav a").Select(a => a.GetAttribute("href")), Is.SupersetOf(new[] { "/", "/about" }));
            Assert.That(login?.GetAttribute("href"), Does.StartWith("/accounts/login"));
            Assert.That(page.Document.QuerySelector("form[action='/accounts/logout']"), Is.Null);
            Assert.That(page.VisibleText, Does.Not.Contain("Hello,"));
        });
    }

    [Test]
    public async Task Layout_greets_a_signed_in_user_and_offers_a_logout_post_form_instead_of_log_in()
    {
        var userName = Unique("greet");
        await Factory.CreateUserAsync(userName, Password, isStaff: false);
        using var client = NewVisitor();
        Assert.That((await client.SignInAsync(userName, Password)).Status, Is.EqualTo(HttpStatusCode.Redirect));

        var page = await client.GetAsync("/about");
        var logout = page.Document.QuerySelector("form[action='/accounts/logout']") as AngleSharp.Html.Dom.IHtmlFormElement;
        Assert.Multiple(() =>
        {
            Assert.That(page.VisibleText, Does.Contain($"Hello, {userName}"));
            Assert.That(logout, Is.Not.Null, "a logout form");
            Assert.That(logout?.Method, Is.EqualTo("post").IgnoreCase);
            Assert.That(logout?.QuerySelector($"input[name='{TokenField}']"), Is.Not.Null, "the logout form carries the antiforgery token");
            Assert.That(logout?.QuerySelector("button, input[type=submit]"), Is.Not.Null);
            Assert.That(page.Document.QuerySelectorAll("header a").Select(a => a.TextContent.Trim()), Has.No.Member("Log in"));
        });
    }
}
