using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages;

/// <summary>Security headers on HTML, cookie flags, and fingerprinted, compressed, long-cached static assets.</summary>
public sealed partial class PageSecurityTests(string provider) : PageTestBase(provider)
{
    private PageClient _staff = null!;
    private string _slug = "";

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _staff = await SignedInAsync(staff: true);
        _slug = SlugOf(await CreatePublishedProductAsync());
    }

    [OneTimeTearDown]
    public void DisposeStaff() => _staff?.Dispose();

    private static readonly string[] PublicPages = ["/", "/?q=x&page=2", "/about", "/accounts/login", "/products/{slug}", "/products/no-such-product-zz"];
    private static readonly string[] StaffPages = ["/products/new", "/products/{slug}/edit", "/admin", "/admin/products", "/admin/categories", "/admin/tags"];

    private static void AssertHtmlSecurityHeaders(PageAnswer page)
    {
        var headers = page.Response.Headers;
        var csp = headers.TryGetValues("Content-Security-Policy", out var c) ? string.Join(";", c) : "";
        var frameOptions = headers.TryGetValues("X-Frame-Options", out var f) ? string.Join(",", f) : "";
        Assert.Multiple(() =>
        {
            Assert.That(page.MediaType, Is.EqualTo("text/html"), page.Describe());
            Assert.That(string.Equals(frameOptions, "DENY", StringComparison.OrdinalIgnoreCase) || FrameAncestorsNone().IsMatch(csp), Is.True,
                $"framing is forbidden (X-Frame-Options: {frameOptions}; CSP: {csp})");
            Assert.That(headers.TryGetValues("Referrer-Policy", out var r) ? string.Join(",", r) : null, Is.Not.Null.And.Not.Empty, "Referrer-Policy");
            Assert.That(headers.TryGetValues("X-Content-Type-Options", out var n) ? string.Join(",", n) : null, Is.EqualTo("nosniff"));
        });
    }

    [GeneratedRegex(@"frame-ancestors\s+'none'", RegexOptions.IgnoreCase)]
    private static partial Regex FrameAncestorsNone();

    [TestCaseSource(nameof(PublicPages))]
    public async Task Public_html_pages_forbid_framing_send_a_referrer_policy_and_nosniff(string url)
    {
        using var visitor = NewVisitor();
        AssertHtmlSecurityHeaders(await visitor.GetAsync(url.Replace("{slug}", _slug, StringComparison.Ordinal)));
    }

    [TestCaseSource(nameof(StaffPages))]
    public async Task Staff_html_pages_forbid_framing_send_a_referrer_policy_and_nosniff(string url) =>
        AssertHtmlSecurityHeaders(await _staff.GetAsync(url.Replace("{slug}", _slug, StringComparison.Ordinal)));

    [Test]
    public async Task Error_pages_carry_the_security_headers_too()
    {
        using var user = await SignedInAsync(staff: false);
        var forbidden = await user.GetAsync("/admin");
        Assert.That(forbidden.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        AssertHtmlSecurityHeaders(forbidden);
        var badRequest = await user.PostAsync("/accounts/logout", []);
        Assert.That(badRequest.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertHtmlSecurityHeaders(badRequest);
    }

    [Test]
    public async Task Every_cookie_set_while_signing_in_editing_and_logging_out_is_httponly_and_samesite()
    {
        var userName = Unique("cookie");
        await Factory.CreateUserAsync(userName, Password, isStaff: true);
        using var client = NewVisitor();
        var answers = new List<PageAnswer>();

        var login = await client.GetAsync("/accounts/login");
        answers.Add(login);
        answers.Add(await client.SubmitAsync(login, f => f.Set("Username", userName).Set("Password", Password)));
        var form = await client.GetAsync("/products/new");
        answers.Add(form);
        var saved = await client.SubmitAsync(form, f => f.Set("Form.Name", Unique("Cookie ")).Set("Form.Price", "1"));
        answers.Add(saved);
        var home = await client.GetAsync(saved.LocationPathAndQuery!);
        answers.Add(home);
        answers.Add(await client.SubmitAsync(home, form: home.Document.Forms.First(f => f.GetAttribute("action") == "/accounts/logout")));

        var cookies = answers.SelectMany(a => a.SetCookies).ToList();
        Assert.That(cookies.Select(c => c.Split('=')[0]), Is.SupersetOf(new[] { "shop.auth", "shop.csrf", "shop.flash" }),
            "the sign-in, antiforgery and flash cookies are all set along the way");
        Assert.Multiple(() =>
        {
            foreach (var cookie in cookies)
            {
                Assert.That(cookie, Does.Contain("httponly").IgnoreCase, cookie);
                Assert.That(cookie, Does.Match("(?i)samesite=(lax|strict)"), cookie);
            }
        });
    }

    /// <summary>The stylesheet and script URLs a page links to.</summary>
    private static List<string> AssetUrls(PageAnswer page) =>
        page.Document.QuerySelectorAll("link[rel=stylesheet][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .ToList();

    [TestCase("/")]
    [TestCase("/about")]
    public async Task Pages_link_fingerprinted_static_assets(string url)
    {
        using var visitor = NewVisitor();
        var urls = AssetUrls(await visitor.GetAsync(url));
        Assert.That(urls, Is.Not.Empty);
        Assert.That(urls, Has.All.Match(@"^/(css|js)/[\w-]+\.[a-z0-9]{6,}\.(css|js)$"), "every asset URL carries a content fingerprint");
    }

    [Test]
    public async Task Fingerprinted_assets_are_served_with_a_long_immutable_cache_lifetime_and_nosniff()
    {
        using var visitor = NewVisitor();
        var urls = AssetUrls(await visitor.GetAsync("/about")).Concat(AssetUrls(await visitor.GetAsync("/"))).Distinct().ToList();
        Assert.That(urls, Has.Count.GreaterThanOrEqualTo(3), "site.css, about.css and site.js");
        await Assert.MultipleAsync(async () =>
        {
            foreach (var url in urls)
            {
                using var response = await visitor.Http.GetAsync(url);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
                var cache = response.Headers.CacheControl;
                Assert.That(cache?.MaxAge ?? TimeSpan.Zero, Is.GreaterThanOrEqualTo(TimeSpan.FromDays(365)), $"{url}: Cache-Control {cache}");
                Assert.That(cache?.NoCache, Is.False, $"{url}: Cache-Control {cache}");
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(url.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript"), url);
                Assert.That(response.Headers.TryGetValues("X-Content-Type-Options", out var n) ? n.Single() : null, Is.EqualTo("nosniff"), url);
            }
        });
    }

    [TestCase("gzip")]
    [TestCase("gzip, deflate, br, zstd")]
    public async Task Static_assets_are_served_compressed_to_clients_that_accept_it_with_the_same_content(string acceptEncoding)
    {
        using var visitor = NewVisitor();
        var urls = AssetUrls(await visitor.GetAsync("/about"));
        await Assert.MultipleAsync(async () =>
        {
            foreach (var url in urls)
            {
                using var plainResponse = await visitor.Http.GetAsync(url);
                var plain = await plainResponse.Content.ReadAsByteArrayAsync();

                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
                using var response = await visitor.Http.SendAsync(request);
                var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
                var body = Decode(await response.Content.ReadAsByteArrayAsync(), encoding);

                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
                Assert.That(encoding, Is.AnyOf("gzip", "br"), $"{url} is served compressed (Content-Length {response.Content.Headers.ContentLength})");
                Assert.That(plain, Is.Not.Empty, $"{url} without compression");
                Assert.That(body, Is.EqualTo(plain), $"{url} decompressed is the file itself (received {body.Length} bytes, expected {plain.Length})");
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.Not.Null, $"{url} has a Content-Type");
                Assert.That(response.Headers.Vary, Does.Contain("Accept-Encoding"), url);
            }
        });
    }

    private static byte[] Decode(byte[] body, string? encoding)
    {
        if (encoding is null || body.Length == 0) return body;
        using var input = new MemoryStream(body);
        using Stream decoder = encoding switch
        {
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            _ => throw new AssertionException($"unexpected Content-Encoding {encoding}"),
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [Test]
    public async Task Static_asset_responses_carry_nosniff()
    {
        using var visitor = NewVisitor();
        using var response = await visitor.Http.GetAsync("/css/site.css");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.TryGetValues("X-Content-Type-Options", out var n) ? n.Single() : null, Is.EqualTo("nosniff"));
    }

    [Test]
    public async Task Static_files_outside_wwwroot_are_not_served()
    {
        using var visitor = NewVisitor();
        foreach (var url in new[] { "/appsettings.json", "/../appsettings.json", "/css/../../appsettings.json", "/Shop.WebApi.dll", "/Pages/Index.cshtml" })
        {
            using var response = await visitor.Http.GetAsync(url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("Jwt"), url);
        }
    }
}
