using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Security;

/// <summary>
/// The <c>Host</c> header is the client's to write: absolute links (paging, the API root, the sign-in redirect) come
/// from <c>App:PublicBaseUrl</c> when it is set, and with <c>AllowedHosts</c> set an unknown host is refused (400).
/// Host handling does not depend on the database, so this runs on SQLite only.
/// </summary>
[TestFixture]
public sealed class HostHeaderTests
{
    private const string Evil = "evil.example";
    private const string UserPassword = "Passw0rd!x";

    private ShopFactory _app = null!;
    private readonly List<WebApplicationFactory<Program>> _variants = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await ShopFactory.StartAsync(ShopFactory.Sqlite);
        // Two categories, so that a page of one has a next link.
        await _app.CreateUserAsync("hoststaff", UserPassword, isStaff: true);
        using var client = _app.CreateApiClient();
        using var token = await client.PostAsJsonAsync("/api/token", new { username = "hoststaff", password = UserPassword });
        var access = (await token.Content.ReadFromJsonAsync<JsonObject>())!["access"]!.GetValue<string>();
        foreach (var name in new[] { "Alpha", "Beta" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/categories") { Content = JsonContent.Create(new { name }) };
            request.Headers.Authorization = new("Bearer", access);
            using var created = await client.SendAsync(request);
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var variant in _variants) await variant.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
    }

    /// <summary>A client whose requests carry <c>Host: <paramref name="host"/></c>, on the app with these extra settings.</summary>
    private HttpClient ClientFor(string host, params (string Key, string Value)[] settings)
    {
        var variant = _app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });
        _variants.Add(variant);
        return variant.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}"), AllowAutoRedirect = false });
    }

    private static async Task<JsonObject> JsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [TestCase("https://shop.example.com", "https://shop.example.com")]
    [TestCase("https://shop.example.com/", "https://shop.example.com")]
    [TestCase("https://example.com:8443/shop/", "https://example.com:8443/shop")]
    public async Task With_a_public_base_url_links_are_on_it_whatever_host_the_client_sends(string configured, string origin)
    {
        using var client = ClientFor(Evil, ("App:PublicBaseUrl", configured));

        var page = await JsonAsync(client, "/api/categories?pageSize=1");
        var root = await JsonAsync(client, "/api");
        using var login = await client.GetAsync("/admin/products?status=draft");

        Assert.Multiple(() =>
        {
            Assert.That(page["next"]!.GetValue<string>(), Is.EqualTo($"{origin}/api/categories?pageSize=1&page=2"));
            Assert.That(root.Select(p => p.Value!.GetValue<string>()), Has.All.StartWith(origin + "/").And.Some.EqualTo($"{origin}/api/products"));
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(login.Headers.Location?.ToString(), Is.EqualTo($"{origin}/accounts/login?ReturnUrl=%2Fadmin%2Fproducts%3Fstatus%3Ddraft"));
        });
    }

    [Test]
    public async Task With_allowed_hosts_set_an_unknown_host_is_a_400_without_details_and_a_listed_one_is_served()
    {
        using var evil = ClientFor(Evil, ("AllowedHosts", "shop.example.com"));
        using var good = ClientFor("shop.example.com", ("AllowedHosts", "shop.example.com"));

        using var refused = await evil.GetAsync("/api/categories?pageSize=1");
        var body = await refused.Content.ReadAsStringAsync();
        var page = await JsonAsync(good, "/api/categories?pageSize=1");

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body, Does.Not.Contain(Evil).And.Not.Contain("Exception").And.Not.Contain(" at "));
            Assert.That(page["next"]!.GetValue<string>(), Does.StartWith("http://shop.example.com/api/categories?"));
        });
    }
}

public sealed class PublicUrlOptionsTests
{
    [TestCase("https://shop.example.com")]
    [TestCase("http://127.0.0.1:5080/")]
    [TestCase("https://example.com/shop")]
    [TestCase(null)]
    [TestCase("")]
    public void An_http_or_https_origin_with_an_optional_path_or_nothing_is_accepted(string? value) =>
        Assert.That(new Shop.WebApi.Web.PublicUrlOptions { PublicBaseUrl = value }.Problem, Is.Null);

    [TestCase("shop.example.com")]
    [TestCase("/shop")]
    [TestCase("ftp://shop.example.com")]
    [TestCase("https://shop.example.com/?x=1")]
    [TestCase("https://shop.example.com/#top")]
    [TestCase("https://user:pass@shop.example.com")]
    public void Anything_else_is_a_problem_that_names_the_setting(string value)
    {
        var options = new Shop.WebApi.Web.PublicUrlOptions { PublicBaseUrl = value };
        Assert.That(options.Problem, Does.Contain("App__PublicBaseUrl"));
        Assert.That(options.BaseUri, Is.Null);
    }
}
