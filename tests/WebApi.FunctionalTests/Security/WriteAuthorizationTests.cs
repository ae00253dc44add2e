using System.Net;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Security;

/// <summary>Every write endpoint: 401 problem without a token, 403 problem for a non-staff user; never a redirect.</summary>
public sealed class WriteAuthorizationTests(string provider) : ApiTestBase(provider)
{
    private int _productId;
    private int _categoryId;
    private int _tagId;

    private static IEnumerable<TestCaseData> WriteEndpoints()
    {
        TestCaseData Case(string method, string url, string? body) =>
            new TestCaseData(method, url, body).SetArgDisplayNames($"{method} {url}");
        yield return Case("POST", "/api/products", """{"name": "Unauthorized", "price": 1}""");
        yield return Case("PUT", "/api/products/{product}", """{"name": "Unauthorized", "price": 1}""");
        yield return Case("PATCH", "/api/products/{product}", """{"price": 2}""");
        yield return Case("DELETE", "/api/products/{product}", null);
        yield return Case("POST", "/api/products/{product}/publish", null);
        yield return Case("POST", "/api/products/{product}/archive", null);
        yield return Case("POST", "/api/products/{product}/price-adjustments", """{"amount": 1}""");
        yield return Case("POST", "/api/categories", """{"name": "Unauthorized"}""");
        yield return Case("PUT", "/api/categories/{category}", """{"name": "Unauthorized"}""");
        yield return Case("PATCH", "/api/categories/{category}", """{"name": "Unauthorized"}""");
        yield return Case("DELETE", "/api/categories/{category}", null);
        yield return Case("POST", "/api/tags", """{"name": "unauthorized"}""");
        yield return Case("PUT", "/api/tags/{tag}", """{"name": "unauthorized"}""");
        yield return Case("DELETE", "/api/tags/{tag}", null);
    }

    [OneTimeSetUp]
    public async Task CreateTargetsAsync()
    {
        _productId = IdOf(await CreateProductAsync(ProductBody(price: 10m)));
        _categoryId = IdOf(await CreateCategoryAsync());
        _tagId = IdOf(await CreateTagAsync());
    }

    private string Resolve(string url) => url
        .Replace("{product}", _productId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{category}", _categoryId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{tag}", _tagId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [TestCaseSource(nameof(WriteEndpoints))]
    public async Task Write_without_a_token_is_401_problem(string method, string url, string? body)
    {
        using var response = await SendAsync(new HttpMethod(method), Resolve(url), body, contentType: method == "PATCH" ? MergePatch : "application/json");
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Has.Member("Bearer"), "RFC 9110: a 401 names its scheme");
        await AssertTargetsUnchangedAsync();
    }

    [TestCaseSource(nameof(WriteEndpoints))]
    public async Task Write_with_an_invalid_token_is_401_problem(string method, string url, string? body)
    {
        using var response = await SendAsync(new HttpMethod(method), Resolve(url), body, "not-a-jwt", method == "PATCH" ? MergePatch : "application/json");
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [TestCaseSource(nameof(WriteEndpoints))]
    public async Task Write_by_a_non_staff_user_is_403_problem(string method, string url, string? body)
    {
        using var response = await SendAsync(new HttpMethod(method), Resolve(url), body, UserToken, method == "PATCH" ? MergePatch : "application/json");
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        await AssertTargetsUnchangedAsync();
    }

    [Test]
    public async Task Superuser_may_write()
    {
        var userName = Unique("super");
        await Factory.CreateUserAsync(userName, Password, isStaff: false, isSuperuser: true);
        var token = (await SignInAsync(userName, Password))["access"]!.GetValue<string>();

        using var response = await SendAsync(HttpMethod.Post, "/api/products", ProductBody(), token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private async Task AssertTargetsUnchangedAsync()
    {
        var product = await GetProductAsStaffAsync(_productId);
        Assert.Multiple(() =>
        {
            Assert.That(product["price"]!.ToJsonString(), Is.EqualTo("10"));
            Assert.That(product["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        });
        using var category = await GetAsync($"/api/categories/{_categoryId}");
        Assert.That(category.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var tag = await GetAsync($"/api/tags/{_tagId}");
        Assert.That(tag.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
