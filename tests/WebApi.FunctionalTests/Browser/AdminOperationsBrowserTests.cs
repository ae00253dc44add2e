using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace Shop.WebApi.FunctionalTests.Browser;

/// <summary>
/// The back-office's operator pages in headless Chromium: a bulk price change from the product list (preview, then
/// apply) and a CSV import uploaded on the imports page and followed there until it has run.
/// </summary>
public sealed class AdminOperationsBrowserTests : BrowserTestBase
{
    [Test]
    public async Task Staff_preview_and_apply_a_price_change_to_the_products_a_search_finds()
    {
        var marker = $"Opsmark{RandomDigits()}";
        var cheap = await CreateProductAsync(new { name = $"Linen apron {marker}", price = 20 });
        var dear = await CreateProductAsync(new { name = $"Oak stool {marker}", price = 80 });
        var other = await CreateProductAsync(new { name = $"Untouched lamp {RandomDigits()}", price = 50 });
        SignInAsStaff();

        Open($"/admin/products?q={marker}");
        Find("#change-prices").Click();
        WaitForPath("/admin/products/prices");
        Assert.That(BodyText, Does.Contain($"q = {marker}"), "the list's search carries over");
        Find("select[name=by] option[value=percent]").Click();
        Type("input[name=value]", "10");
        SubmitWith(Find("#price-change button[formaction*=Preview]"));

        Assert.That(Find("#preview").Text, Is.EqualTo("2 products would change"));
        var rows = FindAll("#price-change table tbody tr").Select(r => r.Text).ToList();
        Assert.That(rows, Is.EqualTo(new[] { $"Linen apron {marker} 20.00 22.00", $"Oak stool {marker} 80.00 88.00" }));
        Assert.That(await PriceOfAsync(cheap), Is.EqualTo(20m), "a preview changes nothing");
        Screenshot("11-admin-price-preview", "Back-office price change: the preview of +10 % on a search's products");

        SubmitWith(Driver.FindElements(By.CssSelector("#price-change button")).Single(b => b.Text.StartsWith("Apply", StringComparison.Ordinal)));
        WaitForPath("/admin/products");
        Assert.That(Find(".flash").Text, Is.EqualTo("Changed the price of 2 products."));
        Assert.Multiple(async () =>
        {
            Assert.That(await PriceOfAsync(cheap), Is.EqualTo(22m));
            Assert.That(await PriceOfAsync(dear), Is.EqualTo(88m));
            Assert.That(await PriceOfAsync(other), Is.EqualTo(50m), "outside the search");
        });
    }

    [Test]
    public async Task Staff_upload_a_csv_and_watch_the_import_finish_on_the_imports_page()
    {
        var slug = $"ops-import-{RandomDigits()}";
        var file = Path.Combine(Directory.CreateTempSubdirectory("shop-import-").FullName, "spring.csv");
        await File.WriteAllTextAsync(file, $"name,slug,price,status\nSpring basket {slug},{slug},14.90,published\n");
        SignInAsStaff();

        Open("/admin/imports");
        Find("input[type=file][name=file]").SendKeys(file);
        SubmitWith(Find("form#upload button[type=submit]"));
        WaitForPath("/admin/imports");
        Assert.That(Find(".flash").Text, Does.Contain("spring.csv queued"));

        // The page refreshes itself every 2 s while a job is queued or running.
        WaitUntil(() => FindAll("#imports tbody tr[data-id] .state") is [var state, ..] && state.Text == "succeeded", "the import has run");
        var row = Find("#imports tbody tr[data-id]");
        Assert.That(row.Text, Does.Contain("spring.csv").And.Contain("1 / 1 rows"));
        Screenshot("12-admin-imports", "Back-office imports: a CSV uploaded and imported");

        using var response = await Api.GetAsync($"/api/products/by-slug/{slug}");
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "the imported product is published");
    }

    private static string RandomDigits() => System.Security.Cryptography.RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000).ToString(CultureInfo.InvariantCulture);

    private async Task<decimal> PriceOfAsync(JsonObject product)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/products/{product["id"]}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StaffToken);
        using var response = await Api.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["price"]!.GetValue<decimal>();
    }
}
