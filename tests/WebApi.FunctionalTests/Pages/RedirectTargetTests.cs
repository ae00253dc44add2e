using System.Net;
using Shop.WebApi.FunctionalTests.Infrastructure;
using Shop.WebApi.Web;

namespace Shop.WebApi.FunctionalTests.Pages;

/// <summary>
/// Where the pages send a visitor back to (the login's <c>ReturnUrl</c>, the bulk actions' <c>back</c>): a local path,
/// percent-encoded, so that a <c>Location</c> header never carries non-ASCII text (Kestrel refuses to send it: a 500);
/// anything that would leave the site falls back.
/// </summary>
public sealed class RedirectTargetTests(string provider) : PageTestBase(provider)
{
    [TestCase("/accounts/login?ReturnUrl=/%C3%A9t%C3%A9", TestName = "ReturnUrl percent-encoded")]
    [TestCase("/accounts/login?ReturnUrl=/été", TestName = "ReturnUrl as typed")]
    [TestCase("/accounts/login?ReturnUrl=%2F%C3%A9t%C3%A9%3Fq%3Dcaf%C3%A9", TestName = "ReturnUrl with a query")]
    public async Task Signing_in_with_a_non_ascii_return_url_redirects_there_percent_encoded(string loginUrl)
    {
        var userName = Unique("ete");
        await Factory.CreateUserAsync(userName, Password, isStaff: false);
        using var visitor = NewVisitor();

        var answer = await visitor.OpenAndSubmitAsync(loginUrl, f => f.Set("Username", userName).Set("Password", Password));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That(RawLocation(answer), Is.EqualTo(loginUrl.Contains("%3F", StringComparison.Ordinal) ? "/%C3%A9t%C3%A9?q=caf%C3%A9" : "/%C3%A9t%C3%A9"));
    }

    [TestCase("/admin/products?q=café", "/admin/products?q=caf%C3%A9")]
    [TestCase("/admin/products?q=caf%C3%A9", "/admin/products?q=caf%C3%A9")]
    [TestCase("//evil.example/admin/products", "/admin/products")]
    [TestCase("https://evil.example/admin/products", "/admin/products")]
    [TestCase("/\\evil.example/admin/products", "/admin/products")]
    [TestCase("/products/new", "/admin/products")]
    public async Task A_bulk_action_sends_back_to_its_back_field_encoded_or_to_the_list(string back, string location)
    {
        using var staff = await SignedInAsync(staff: true);
        var page = await staff.GetAsync("/admin/products");
        var form = page.Document.Forms.First(f => (f.GetAttribute("action") ?? "").Contains("handler=Bulk", StringComparison.OrdinalIgnoreCase));

        // No product checked: the page answers with a flash and the redirect back, the path every action ends on.
        var answer = await staff.SubmitAsync(page, f => f.Set("back", back).Set("action", "publish"), form);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That(RawLocation(answer), Is.EqualTo(location));
    }

    private static string RawLocation(PageAnswer answer) => answer.Response.Headers.GetValues("Location").Single();
}

public sealed class LocalUrlTests
{
    [TestCase("/", "/")]
    [TestCase("/admin/products?status=draft&page=2", "/admin/products?status=draft&page=2")]
    [TestCase("/été", "/%C3%A9t%C3%A9")]
    [TestCase("/%C3%A9t%C3%A9", "/%C3%A9t%C3%A9")]
    [TestCase("/admin/products?q=café crème", "/admin/products?q=caf%C3%A9%20cr%C3%A8me")]
    [TestCase("/a?q=100%", "/a?q=100%25")]
    [TestCase("/😀", "/%F0%9F%98%80")]
    public void A_local_path_is_kept_and_percent_encoded_to_ascii(string url, string expected) =>
        Assert.That(LocalUrl.OrFallback(url), Is.EqualTo(expected));

    [Test]
    public void A_lone_surrogate_is_encoded_as_the_replacement_character() =>
        Assert.That(LocalUrl.OrFallback("/a" + '\ud800' + "b"), Is.EqualTo("/a%EF%BF%BDb"));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("//evil.example")]
    [TestCase("/\\evil.example")]
    [TestCase("https://evil.example/")]
    [TestCase("evil.example")]
    [TestCase("/\t/evil.example")]
    [TestCase("/a\r\nSet-Cookie: x=1")]
    [TestCase(" /admin")]
    public void Anything_else_falls_back(string? url) =>
        Assert.That(LocalUrl.OrFallback(url, "/fallback"), Is.EqualTo("/fallback"));
}

/// <summary>
/// The same sign-in on Kestrel, which (unlike the in-memory test server) refuses to send a non-ASCII header: the
/// cookie handler's own redirect to the query's ReturnUrl happened before the page's and ended in a 500.
/// </summary>
[TestFixture]
public sealed class KestrelReturnUrlTests
{
    private const string Password = "Passw0rd!x";
    private ShopFactory _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await ShopFactory.StartAsync(ShopFactory.Sqlite, kestrel: true);

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    [TestCase("/%C3%A9t%C3%A9", "/%C3%A9t%C3%A9")]
    [TestCase("/admin/products?q=caf%C3%A9", "/admin/products?q=caf%C3%A9")]
    [TestCase("//evil.example", "/")]
    public async Task Signing_in_with_a_return_url_in_the_query_redirects_there_encoded(string returnUrl, string location)
    {
        var userName = "k" + Guid.NewGuid().ToString("N")[..12];
        await _app.CreateUserAsync(userName, Password, isStaff: true);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = _app.RootUri };
        // Decoded by the server, the query value is the non-ASCII path (/été), as a browser's typed address gives it.
        var url = "/accounts/login?ReturnUrl=" + Uri.EscapeDataString(Uri.UnescapeDataString(returnUrl));
        var form = await http.GetStringAsync(url);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        using var answer = await http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Username"] = userName,
            ["Password"] = Password,
            ["ReturnUrl"] = Uri.UnescapeDataString(returnUrl),
        }));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await answer.Content.ReadAsStringAsync());
        Assert.That(answer.Headers.GetValues("Location").Single(), Is.EqualTo(location));
    }
}
