using OpenQA.Selenium;

namespace Shop.WebApi.FunctionalTests.Browser;

/// <summary>The shop as a person uses it, in headless Chromium: storefront, staff forms and the back-office.</summary>
public sealed class ShopBrowserTests : BrowserTestBase
{
    private string _pagingWord = "";

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        // Enough published products for three storefront pages of a search, and some colour for the screenshots.
        var keyboards = await CreateCategoryAsync("Keyboards");
        await CreateCategoryAsync("Monitors");
        _pagingWord = "pg" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 1; i <= 23; i++)
        {
            await CreateProductAsync(new
            {
                name = $"Keyboard {_pagingWord} {i:00}",
                price = 40 + i,
                status = "published",
                description = "A sturdy keyboard.\nWith a second line.",
                categoryId = keyboards["id"]!.GetValue<int>(),
            });
        }
    }

    private static string Word() => "br" + Guid.NewGuid().ToString("N")[..8];

    private IWebElement FieldRow(string fieldName) => Find($"[name='{fieldName}']").FindElement(By.XPath(".."));

    /// <summary>Whether every stylesheet of the page loaded with rules in it (an empty or failed stylesheet has none).</summary>
    private long EmptyStylesheets() => (long)Script(
        "return Array.from(document.styleSheets).filter(s => { try { return s.cssRules.length === 0; } catch (e) { return true; } }).length;")!;

    [Test]
    public void Storefront_detail_about_and_login_pages_render_styled()
    {
        SignOut();
        Open("/");
        Assert.That(Find("h1").Text, Is.EqualTo("Products"));
        Screenshot("01-storefront", "Storefront, anonymous");
        Assert.Multiple(() =>
        {
            Assert.That(FindAll("link[rel=stylesheet]"), Is.Not.Empty);
            Assert.That(EmptyStylesheets(), Is.Zero, "every stylesheet of / arrived with its rules");
            Assert.That(Find(".site-header").GetCssValue("background-color"), Is.Not.EqualTo("rgba(0, 0, 0, 0)"), "site.css colours the header");
        });

        Find("main a[href^='/products/']").Click();
        WaitUntil(() => new Uri(Driver.Url).AbsolutePath.StartsWith("/products/", StringComparison.Ordinal), "the detail page is open");
        Assert.That(BodyText, Does.Contain("A sturdy keyboard.").And.Contain("Keyboards"));
        Screenshot("02-detail", "Product detail, anonymous");

        Open("/about");
        Screenshot("03-about", "About page with its own stylesheet");
        Assert.Multiple(() =>
        {
            Assert.That(EmptyStylesheets(), Is.Zero, "site.css and about.css arrived with their rules");
            Assert.That(Find(".about").GetCssValue("max-width"), Is.EqualTo("640px"), "about.css shapes the About page");
        });

        Open("/accounts/login");
        Screenshot("04-login", "Login page");
        Assert.That(Find("input[name=Password]").GetDomAttribute("type"), Is.EqualTo("password"));
    }

    [Test]
    public void Storefront_search_pages_through_results_with_next_and_prev()
    {
        SignOut();
        Open("/");
        Type("main form input[name=q]", _pagingWord);
        SubmitWith(Find("main form button[type=submit]"));
        Assert.That(BodyText, Does.Contain("Page 1 of 3"));
        Assert.That(FindAll("main .product-grid a[href^='/products/'], main li a[href^='/products/']").Select(a => a.GetDomAttribute("href")).Distinct().Count(), Is.EqualTo(10));

        SubmitWith(Driver.FindElement(By.PartialLinkText("Next")));
        Assert.That(BodyText, Does.Contain("Page 2 of 3"));
        SubmitWith(Driver.FindElement(By.PartialLinkText("Next")));
        Assert.That(BodyText, Does.Contain("Page 3 of 3"));
        Assert.That(Driver.FindElements(By.PartialLinkText("Next")), Is.Empty, "no Next on the last page");
        Assert.That(Driver.Url, Does.Contain($"q={_pagingWord}"), "paging keeps the search");
        SubmitWith(Driver.FindElement(By.PartialLinkText("Prev")));
        Assert.That(BodyText, Does.Contain("Page 2 of 3"));
    }

    [Test]
    public void Slug_follows_the_name_while_typing_until_the_slug_is_edited()
    {
        SignInAsStaff();
        Open("/products/new");
        var slug = Find("[data-slug-from]");
        Type("[name='Form.Name']", "Café Crème Deluxe 2");
        Assert.That(slug.GetDomProperty("value"), Is.EqualTo("cafe-creme-deluxe-2"), "the slug follows the name");

        Type("[data-slug-from]", "my-own-slug");
        Find("[name='Form.Name']").SendKeys(" Extra");
        Assert.That(slug.GetDomProperty("value"), Is.EqualTo("my-own-slug"), "a slug typed by hand is left alone");
    }

    [Test]
    public async Task Staff_creates_a_product_publishes_it_in_the_admin_finds_it_in_the_shop_and_deletes_it()
    {
        SignOut();
        var word = Word();
        var name = $"Browser Lamp {word}";
        var slug = $"browser-lamp-{word}";
        // One scope for the whole story: a broken step is recorded and the steps after it still run.
        using var scope = Assert.EnterMultipleScope();

        // Sign in, sent back to the form asked for.
        Open("/products/new");
        Assert.That(PathAndQuery, Does.StartWith("/accounts/login?ReturnUrl=%2Fproducts%2Fnew"));
        Type("input[name=Username]", StaffUser);
        Type("input[name=Password]", Password);
        SubmitWith(Find("main form button[type=submit]"));
        WaitForPath("/products/new");

        // A bad submission: the messages stand next to their fields and the typed values stay.
        Type("[name='Form.Name']", "");
        Type("[name='Form.Price']", "abc");
        Type("[name='Form.Description']", "Kept text");
        SubmitWith(Find("main form button[type=submit]"));
        Screenshot("05-new-product-errors", "New product form after a bad submission");
        Assert.That(FieldRow("Form.Price").Text, Does.Contain("number"), "the price message is next to the price");
        Assert.That(Find("[name='Form.Price']").GetDomProperty("value"), Is.EqualTo("abc"));
        Assert.That(Find("[name='Form.Description']").GetDomProperty("value"), Is.EqualTo("Kept text"));

        // A good one: saved, with the slug made as the name was typed.
        Type("[name='Form.Name']", name);
        Assert.That(Find("[data-slug-from]").GetDomProperty("value"), Is.EqualTo(slug), "slug pre-filled from the name");
        Type("[data-slug-from]", slug);
        Type("[name='Form.Price']", "24.90");
        SubmitWith(Find("main form button[type=submit]"));
        WaitForPath($"/products/{slug}");
        Assert.That(Find(".flash").Text, Does.Contain("Product saved"));

        // The back-office lists it as a draft; a bulk action publishes it.
        Open("/admin");
        Screenshot("06-admin-dashboard", "Back-office dashboard");
        Assert.That(BodyText, Does.Contain("published").And.Contain("drafts"));

        Open($"/admin/products?q={word}");
        var row = Find("table tbody tr");
        Assert.That(row.Text, Does.Contain(name).And.Contain("draft"));
        Screenshot("07-admin-products", "Back-office products list");
        row.FindElement(By.CssSelector("input[type=checkbox][name=ids]")).Click();
        Find("select[name=action] option[value=publish]").Click();
        SubmitWith(Driver.FindElements(By.CssSelector("form button[type=submit]")).First(b => b.Text.Trim() == "Apply"));
        Assert.That(FindAll("form[action*='handler=Bulk']"), Is.Not.Empty, "Apply returns to the products list, not an error page: " + Find("h1").Text);
        Assert.That(FindAll(".flash").Select(f => f.Text).FirstOrDefault() ?? "(no flash)", Does.Contain("1 product published"));
        Open($"/admin/products?q={word}");
        var status = Find("table tbody tr").Text;
        Assert.That(status, Does.Contain("published"));
        if (!status.Contains("published", StringComparison.Ordinal)) await PublishThroughApiAsync(slug); // so that the steps below still run

        // The storefront search finds it, as a visitor would.
        Open("/");
        Type("main form input[name=q]", word.ToUpperInvariant());
        SubmitWith(Find("main form button[type=submit]"));
        var found = FindAll("main a[href^='/products/']").Where(a => a.Text.Contains(name, StringComparison.Ordinal)).ToList();
        Assert.That(found, Has.Count.EqualTo(1), "the storefront search finds the new product");

        // Delete it after the confirmation page.
        Open($"/products/{slug}/delete");
        Assert.That(Find("h1").Text, Does.Contain(name));
        SubmitWith(Find("main form button[type=submit]"));
        Assert.That(Find(".flash").Text, Is.Not.Empty);
        Open($"/products/{slug}");
        Assert.That(Find("h1").Text, Does.Contain("not found").IgnoreCase);

        Open("/admin/categories");
        Assert.That(BodyText, Does.Contain("Keyboards").And.Contain("Monitors"));
        Screenshot("08-admin-categories", "Back-office category list");
    }

    private async Task PublishThroughApiAsync(string slug)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/products/by-slug/{slug}");
        get.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", StaffToken);
        using var found = await Api.SendAsync(get);
        var id = System.Text.Json.Nodes.JsonNode.Parse(await found.Content.ReadAsStringAsync())!["id"]!.GetValue<int>();
        using var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{id}/publish");
        publish.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", StaffToken);
        using var published = await Api.SendAsync(publish);
        Assert.That(published.IsSuccessStatusCode, Is.True);
    }

    [Test]
    public void Staff_pages_are_styled_and_run_the_site_script()
    {
        SignInAsStaff();
        Open("/admin/products");
        Assert.Multiple(() =>
        {
            Assert.That(EmptyStylesheets(), Is.Zero, "site.css arrived with its rules");
            Assert.That(Find(".admin").GetCssValue("display"), Is.EqualTo("grid"), "the back-office layout is laid out by site.css");
        });
        Open("/products/new");
        Find("[name='Form.Name']").SendKeys("Script Check");
        Assert.That(Find("[data-slug-from]").GetDomProperty("value"), Is.EqualTo("script-check"), "site.js ran");
    }
}
