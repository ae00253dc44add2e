using System.Net;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages.Admin;

/// <summary><c>/admin/products/prices</c>: the product list's bulk price change, preview first, applied on confirmation.</summary>
public sealed class AdminProductPricesPageTests(string provider) : PageTestBase(provider)
{
    private PageClient _staff = null!;

    [OneTimeSetUp]
    public async Task SignInStaffAsync() => _staff = await SignedInAsync(staff: true);

    [OneTimeTearDown]
    public void DisposeStaff() => _staff?.Dispose();

    private async Task<decimal> PriceAsync(int id) => (await GetProductAsStaffAsync(id))["price"]!.GetValue<decimal>();

    /// <summary>The list filtered by <paramref name="word"/>, its "Change prices…" link followed.</summary>
    private async Task<PageAnswer> OpenFromListAsync(string word)
    {
        var list = await _staff.GetAsync($"/admin/products?q={word}");
        var link = list.Document.QuerySelector("a#change-prices")?.GetAttribute("href");
        Assert.That(link, Is.EqualTo($"/admin/products/prices?q={word}"), list.Describe());
        var page = await _staff.GetAsync(link!);
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        return page;
    }

    private static FormFields Fields(PageAnswer page, string by, string value) =>
        FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)page.Document.QuerySelector("form#price-change")!).Set("by", by).Set("value", value);

    [Test]
    public async Task The_list_s_filters_pick_the_products_a_preview_shows_them_and_apply_changes_them()
    {
        var word = Word();
        var cheap = IdOf(await CreateListedProductAsync(word, 19.99m));
        var other = IdOf(await CreateListedProductAsync(Word(), 19.99m));
        var page = await OpenFromListAsync(word);

        var preview = await _staff.PostAsync("/admin/products/prices?handler=Preview", Fields(page, "percent", "-15"));

        Assert.That(preview.Status, Is.EqualTo(HttpStatusCode.OK), preview.Describe());
        Assert.That(preview.VisibleText, Does.Contain("1 product would change").And.Contain("19.99").And.Contain("16.99"));
        Assert.That(await PriceAsync(cheap), Is.EqualTo(19.99m), "a preview writes nothing");

        var applied = await _staff.PostAsync("/admin/products/prices?handler=Apply", Fields(preview, "percent", "-15"));

        Assert.That(applied.Status, Is.EqualTo(HttpStatusCode.Redirect), applied.Describe());
        Assert.That(applied.LocationPathAndQuery, Is.EqualTo($"/admin/products?q={word}"));
        Assert.That(await PriceAsync(cheap), Is.EqualTo(16.99m));
        Assert.That(await PriceAsync(other), Is.EqualTo(19.99m));
    }

    [Test]
    public async Task A_change_that_would_leave_the_range_is_shown_and_refused()
    {
        var word = Word();
        var product = IdOf(await CreateListedProductAsync(word, 5m));
        var page = await OpenFromListAsync(word);

        var preview = await _staff.PostAsync("/admin/products/prices?handler=Preview", Fields(page, "amount", "-10"));
        Assert.That(preview.VisibleText, Does.Contain("would leave 0–100000"));
        Assert.That(preview.Document.QuerySelector("button[formaction*=Apply]"), Is.Null, "no apply button for a change that would be refused");

        var applied = await _staff.PostAsync("/admin/products/prices?handler=Apply", Fields(page, "amount", "-10"));
        Assert.That(applied.Status, Is.EqualTo(HttpStatusCode.OK), applied.Describe());
        Assert.That(applied.VisibleText, Does.Contain("nothing was changed"));
        Assert.That(await PriceAsync(product), Is.EqualTo(5m));
    }

    [Test]
    public async Task A_bad_value_is_shown_next_to_the_field()
    {
        var page = await OpenFromListAsync(Word());
        var answer = await _staff.PostAsync("/admin/products/prices?handler=Preview", Fields(page, "percent", "ten"));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.Document.QuerySelector("p.error[data-field=value]")?.TextContent, Does.Contain("number"));
    }

    [Test]
    public async Task Applying_without_the_antiforgery_token_is_refused()
    {
        var word = Word();
        var product = IdOf(await CreateListedProductAsync(word, 10m));
        var page = await OpenFromListAsync(word);
        var answer = await _staff.PostAsync("/admin/products/prices?handler=Apply", Fields(page, "amount", "1").Without(TokenField));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await PriceAsync(product), Is.EqualTo(10m));
    }

    [Test]
    public async Task The_page_is_for_staff_only()
    {
        using var user = await SignedInAsync(staff: false);
        AssertForbiddenPage(await user.GetAsync("/admin/products/prices"));
        using var visitor = NewVisitor();
        AssertRedirectsToLogin(await visitor.GetAsync("/admin/products/prices"), "/admin/products/prices");
    }
}
