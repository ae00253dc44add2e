using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages.Admin;

/// <summary><c>/admin</c>: counts of products, published, drafts, archived, inactive, categories and tags.</summary>
public sealed class AdminDashboardTests(string provider) : PageTestBase(provider)
{
    private static readonly string[] Labels = ["products", "published", "drafts", "archived", "inactive", "categories", "tags"];

    private PageClient _staff = null!;

    [OneTimeSetUp]
    public async Task SignInStaffAsync() => _staff = await SignedInAsync(staff: true);

    [OneTimeTearDown]
    public void DisposeStaff() => _staff?.Dispose();

    /// <summary>Each label's number as the dashboard shows it: "12 products" or "Products: 12".</summary>
    private async Task<Dictionary<string, int>> CountsAsync()
    {
        var page = await _staff.GetAsync("/admin");
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        var main = Regex.Replace(page.Document.QuerySelector("main")?.TextContent ?? "", @"\s+", " ");
        var counts = new Dictionary<string, int>();
        foreach (var label in Labels)
        {
            var match = Regex.Match(main, $@"(\d+)\s*{label}\b|\b{label}\s*:?\s*(\d+)", RegexOptions.IgnoreCase);
            Assert.That(match.Success, Is.True, $"the dashboard shows a count of {label}: {main}");
            counts[label] = int.Parse(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return counts;
    }

    private async Task PostAsync(string url)
    {
        using var response = await SendAsync(HttpMethod.Post, url, token: StaffToken);
        Assert.That(response.IsSuccessStatusCode, Is.True, url);
    }

    [Test]
    public async Task Dashboard_counts_agree_with_the_api()
    {
        var counts = await CountsAsync();
        async Task<int> Total(string query) => (await ListAsync($"/api/products?pageSize=1{query}", StaffToken))["totalCount"]!.GetValue<int>();
        var categories = (await ListAsync("/api/categories?pageSize=1"))["totalCount"]!.GetValue<int>();
        var tags = (await ListAsync("/api/tags?pageSize=1"))["totalCount"]!.GetValue<int>();
        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, int>
        {
            ["products"] = await Total(""),
            ["published"] = await Total("&status=published"),
            ["drafts"] = await Total("&status=draft"),
            ["archived"] = await Total("&status=archived"),
            ["inactive"] = await Total("&isActive=false"),
            ["categories"] = categories,
            ["tags"] = tags,
        }));
    }

    [Test]
    public async Task Dashboard_counts_follow_creations_and_status_changes()
    {
        var before = await CountsAsync();
        var draft = await CreateProductAsync();
        var published = await CreatePublishedProductAsync();
        var archived = await CreateProductAsync();
        await PostAsync($"/api/products/{IdOf(archived)}/archive");
        await CreateProductAsync(new JsonObject { ["name"] = Unique("Off "), ["price"] = 1, ["isActive"] = false });
        await CreateCategoryAsync();
        await CreateTagAsync();
        await CreateTagAsync();

        var after = await CountsAsync();

        Assert.That(new[] { draft, published }, Has.All.Not.Null);
        Assert.That(after, Is.EquivalentTo(new Dictionary<string, int>
        {
            ["products"] = before["products"] + 4,
            ["published"] = before["published"] + 1,
            ["drafts"] = before["drafts"] + 2,
            ["archived"] = before["archived"] + 1,
            ["inactive"] = before["inactive"] + 1,
            ["categories"] = before["categories"] + 1,
            ["tags"] = before["tags"] + 2,
        }));
    }

    [Test]
    public async Task Dashboard_links_to_the_products_categories_and_tags_lists_and_the_new_product_form()
    {
        var page = await _staff.GetAsync("/admin");
        var links = page.Document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.That(links, Is.SupersetOf(new[] { "/admin/products", "/admin/categories", "/admin/tags", "/products/new" }));
    }
}
