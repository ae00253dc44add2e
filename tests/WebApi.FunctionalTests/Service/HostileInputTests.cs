using System.Text;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Service;

/// <summary>Whatever the input: a 4xx problem, never a 500, never internals in the body.</summary>
public sealed class HostileInputTests(string provider) : ApiTestBase(provider)
{
    private int _productId;

    [OneTimeSetUp]
    public async Task CreateTargetAsync() => _productId = IdOf(await CreateProductAsync());

    private static string Nested(int depth)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++) builder.Append("{\"a\":");
        builder.Append('1');
        builder.Append('}', depth);
        return builder.ToString();
    }

    private static IEnumerable<TestCaseData> HostileRequests()
    {
        TestCaseData Case(string name, string method, string url, string? body = null, string contentType = "application/json") =>
            new TestCaseData(method, url, body, contentType).SetArgDisplayNames(name);
        yield return Case("price 1e400", "POST", "/api/products", """{"name": "Huge A", "price": 1e400}""");
        yield return Case("price 1e30", "POST", "/api/products", """{"name": "Huge B", "price": 1e30}""");
        yield return Case("price of 40 digits", "POST", "/api/products", """{"name": "Huge C", "price": 1234567890123456789012345678901234567890}""");
        yield return Case("price NaN", "POST", "/api/products", """{"name": "NaN", "price": NaN}""");
        yield return Case("specs nested 70 deep", "POST", "/api/products", """{"name": "Deep A", "price": 1, "specs": """ + Nested(70) + "}");
        yield return Case("specs nested 5000 deep", "POST", "/api/products", """{"name": "Deep B", "price": 1, "specs": """ + Nested(5000) + "}");
        yield return Case("categoryId a string", "POST", "/api/products", """{"name": "Str", "price": 1, "categoryId": "abc"}""");
        yield return Case("categoryId beyond int", "POST", "/api/products", """{"name": "Big id", "price": 1, "categoryId": 99999999999}""");
        yield return Case("categoryId a fraction", "POST", "/api/products", """{"name": "Frac id", "price": 1, "categoryId": 1.5}""");
        yield return Case("tag weight beyond int", "POST", "/api/products", """{"name": "W", "price": 1, "tags": [{"slug": "x", "weight": 99999999999}]}""");
        yield return Case("tag slug a number", "POST", "/api/products", """{"name": "S", "price": 1, "tags": [{"slug": 5, "weight": 1}]}""");
        yield return Case("tags with a null item", "POST", "/api/products", """{"name": "N", "price": 1, "tags": [null]}""");
        yield return Case("tags given twice", "POST", "/api/products", """{"name": "T", "price": 1, "tags": [{"slug": "x"}, {"slug": "x"}]}""");
        yield return Case("name of 100000 chars", "POST", "/api/products", $$"""{"name": "{{new string('n', 100_000)}}", "price": 1}""");
        yield return Case("body a JSON array", "POST", "/api/products", "[]");
        yield return Case("body a JSON string", "POST", "/api/products", "\"product\"");
        yield return Case("body null", "POST", "/api/products", "null");
        yield return Case("duplicate property", "POST", "/api/products", """{"name": "Twice", "price": 1, "price": 2, "price": "x"}""");
        yield return Case("invalid UTF-8 escape", "POST", "/api/products", """{"name": "\uD800", "price": 1}""");
        yield return Case("id beyond int in path", "GET", "/api/products/99999999999");
        yield return Case("id beyond long in path", "GET", "/api/products/999999999999999999999999");
        yield return Case("negative id", "GET", "/api/products/-1");
        yield return Case("id beyond int on PUT", "PUT", "/api/products/99999999999", """{"name": "X", "price": 1}""");
        yield return Case("id a string on publish", "POST", "/api/products/abc/publish");
        yield return Case("slug full of junk", "GET", "/api/products/by-slug/%27%22;DROP%20TABLE%20products;--");
        yield return Case("page beyond int", "GET", "/api/products?page=99999999999");
        yield return Case("pageSize a string", "GET", "/api/products?pageSize=abc");
        yield return Case("minPrice 1e400", "GET", "/api/products?minPrice=1e400");
        yield return Case("maxPrice below minPrice", "GET", "/api/products?minPrice=10&maxPrice=5");
        yield return Case("isActive a number", "GET", "/api/products?isActive=2");
        yield return Case("amount 1e400", "POST", "/api/products/{product}/price-adjustments", """{"amount": 1e400}""");
        yield return Case("amount 1e30", "POST", "/api/products/{product}/price-adjustments", """{"amount": 1e30}""");
        yield return Case("amount a string", "POST", "/api/products/{product}/price-adjustments", """{"amount": "1"}""");
        yield return Case("patch body an array", "PATCH", "/api/products/{product}", "[1, 2]", "application/merge-patch+json");
        yield return Case("patch price 1e400", "PATCH", "/api/products/{product}", """{"price": 1e400}""", "application/merge-patch+json");
        yield return Case("patch categoryId a string", "PATCH", "/api/products/{product}", """{"categoryId": "one"}""", "application/merge-patch+json");
        yield return Case("category name a number", "POST", "/api/categories", """{"name": 42}""");
        yield return Case("token username an object", "POST", "/api/token", """{"username": {"$ne": null}, "password": "x"}""");
        yield return Case("refresh token of 10000 chars", "POST", "/api/token/refresh", $$"""{"refresh": "{{new string('r', 10_000)}}"}""");
        yield return Case("XML body", "POST", "/api/products", "<product><name>x</name></product>", "application/xml");
    }

    [TestCaseSource(nameof(HostileRequests))]
    public async Task Hostile_input_answers_a_4xx_problem_without_internals(string method, string url, string? body, string contentType)
    {
        using var response = await SendAsync(new HttpMethod(method),
            url.Replace("{product}", _productId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            body, StaffToken, contentType);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.InRange(400, 499), text);
        await AssertProblemAsync(response, response.StatusCode);
    }

    [Test]
    public async Task Huge_page_number_answers_an_empty_page()
    {
        var page = await ListAsync("/api/products?page=2147483647&pageSize=100");
        Assert.That(page["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Search_with_sql_and_like_wildcards_is_taken_literally()
    {
        var marker = Unique("lit");
        await CreatePublishedProductAsync(ProductBody($"{marker} plain"));

        var page = await ListAsync($"/api/products?search={Uri.EscapeDataString(marker + "%' OR 1=1 --")}");

        Assert.That(page["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Search_with_a_percent_sign_is_not_a_wildcard()
    {
        var marker = Unique("pct");
        await CreatePublishedProductAsync(ProductBody($"{marker}ab"));

        var page = await ListAsync($"/api/products?search={Uri.EscapeDataString(marker + "%b")}");

        Assert.That(page["items"]!.AsArray(), Is.Empty);
    }
}
