using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages.Admin;

/// <summary><c>/admin/products/{id}/history</c>: the product's recorded changes, newest first, paged, for staff.</summary>
public sealed class AdminProductHistoryPageTests(string provider) : PageTestBase(provider)
{
    private static string PageOf(int id) => $"/admin/products/{id}/history";

    [Test]
    public async Task A_bulk_publish_from_the_back_office_shows_on_the_history_page_with_the_signed_in_user()
    {
        using var staff = await SignedInAsync(staff: true);
        var word = Word();
        var product = await CreateProductAsync(ProductBody($"Hist {word}"));
        var list = await staff.GetAsync($"/admin/products?q={word}");
        var form = list.Document.Forms.First(f => (f.GetAttribute("action") ?? "").Contains("handler=Bulk", StringComparison.OrdinalIgnoreCase));
        foreach (var box in form.QuerySelectorAll("input[type=checkbox][name=ids]").Cast<IHtmlInputElement>())
            box.IsChecked = box.Value == IdOf(product).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var applied = await staff.SubmitAsync(list, f => f.Set("action", "publish"), (IHtmlFormElement)form);
        Assert.That(applied.Status, Is.EqualTo(HttpStatusCode.Redirect), applied.Describe());

        var page = await staff.GetAsync(PageOf(IdOf(product)));

        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        var rows = page.Document.QuerySelectorAll("#history tbody tr.entry").Select(r => r.TextContent).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(2));
            Assert.That(rows[0], Does.Contain("updated").And.Contain("staff"), "newest first, by the page's user");
            Assert.That(page.VisibleText, Does.Contain("published"));
            Assert.That(rows[1], Does.Contain("created"));
            Assert.That(list.Document.QuerySelector($"a[href='{PageOf(IdOf(product))}']"), Is.Not.Null, "the product list links to it");
        });
    }

    [Test]
    public async Task Pages_by_twenty()
    {
        using var staff = await SignedInAsync(staff: true);
        var id = IdOf(await CreateProductAsync());
        for (var i = 1; i <= 20; i++)
        {
            using var r = await SendAsync(HttpMethod.Post, $"/api/products/{id}/price-adjustments", new JsonObject { ["amount"] = 1 }, StaffToken);
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var first = await staff.GetAsync(PageOf(id));
        var second = await staff.GetAsync(first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!.Insert(0, PageOf(id)));

        Assert.That(first.Document.QuerySelectorAll("#history tr.entry"), Has.Length.EqualTo(20));
        Assert.That(second.Document.QuerySelectorAll("#history tr.entry").Select(r => r.TextContent), Has.One.Contains("created"));
        Assert.That(second.VisibleText, Does.Contain("Page 2 of 2"));
    }

    [Test]
    public async Task Is_staff_only_and_404_for_an_unknown_product()
    {
        var id = IdOf(await CreateProductAsync());

        AssertRedirectsToLogin(await NewVisitor().GetAsync(PageOf(id)), PageOf(id));
        using var user = await SignedInAsync(staff: false);
        AssertForbiddenPage(await user.GetAsync(PageOf(id)));
        using var staff = await SignedInAsync(staff: true);
        Assert.That((await staff.GetAsync(PageOf(987654321))).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
