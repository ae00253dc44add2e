using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Service;

/// <summary>
/// What only the real server shows (the in-memory test server has no body size limit and writes no Server header):
/// body limits answered as 413 problems, no <c>Server</c> header on any answer, the API reference at <c>/api/docs</c>.
/// </summary>
[NonParallelizable]
public sealed class ServerLimitsTests
{
    private const string Password = "Passw0rd!x";
    private ShopFactory _factory = null!;
    private HttpClient _http = null!;
    private string _token = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _factory = await ShopFactory.StartAsync(ShopFactory.Sqlite, kestrel: true);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _factory.RootUri };
        await _factory.CreateUserAsync("limits-staff", Password, isStaff: true);
        using var token = await _http.PostAsync("/api/token", Json("""{"username": "limits-staff", "password": "Passw0rd!x"}"""));
        _token = JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access"]!.GetValue<string>();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> PostAsync(string url, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return await _http.SendAsync(request);
    }

    private static string Product(string name, int descriptionChars) =>
        $$"""{"name": "{{name}}", "price": 1, "description": "{{new string('d', descriptionChars)}}"}""";

    private static async Task AssertTooLargeProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            Assert.That(JsonNode.Parse(text)?["status"]?.GetValue<int>(), Is.EqualTo(413), text);
        });
    }

    [Test]
    public async Task A_json_body_over_1_MiB_is_a_413_problem_whether_its_length_is_known_or_not()
    {
        var body = Product("Huge", 2 * 1024 * 1024);

        using var known = await PostAsync("/api/products", Json(body));
        await AssertTooLargeProblemAsync(known);

        // Chunked: no Content-Length up front, so the server stops reading at the limit.
        using var stream = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        stream.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/products") { Content = stream };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await _http.SendAsync(request);
        await AssertTooLargeProblemAsync(chunked);
    }

    [Test]
    public async Task A_bulk_body_may_be_larger_than_1_MiB_up_to_16_MiB()
    {
        var items = Enumerable.Range(0, 200).Select(i => Product($"Bulk limit {i}", 10_000));
        using var accepted = await PostAsync("/api/products/bulk", Json("[" + string.Join(",", items) + "]"));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await accepted.Content.ReadAsStringAsync());

        var tooMany = Enumerable.Range(0, 900).Select(i => Product($"Bulk over {i}", 19_000));
        using var refused = await PostAsync("/api/products/bulk", Json("[" + string.Join(",", tooMany) + "]"));
        await AssertTooLargeProblemAsync(refused);
    }

    [Test]
    public async Task No_answer_names_the_server()
    {
        using var ok = await _http.GetAsync("/api/products");
        using var notFound = await _http.GetAsync("/api/nothing");
        Assert.That(ok.Headers.Server, Is.Empty);
        Assert.That(notFound.Headers.Server, Is.Empty);

        // Kestrel's own answers, written before the app sees the request.
        foreach (var raw in new[]
                 {
                     "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + new string('a', 40_000) + "\r\n\r\n", // 431
                     "GET /" + new string('a', 10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", // 414
                     "NOT HTTP\r\n\r\n", // 400
                 })
        {
            var head = await RawAsync(raw);
            Assert.That(head, Does.Match(@"^HTTP/1\.1 4\d\d "), head);
            Assert.That(Regex.IsMatch(head, @"^Server:", RegexOptions.Multiline | RegexOptions.IgnoreCase), Is.False, head);
        }
    }

    [Test]
    public async Task Api_docs_answers_the_reference_page_itself_with_the_html_security_headers()
    {
        using var response = await _http.GetAsync("/api/docs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{response.Headers.Location} {html}");
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.TryGetValues("X-Frame-Options", out var frame) ? frame : [], Is.EqualTo(new[] { "DENY" }));
            Assert.That(response.Headers.Contains("Referrer-Policy"), Is.True);
        });

        // Its scripts resolve against the page's <base>, so they load although the address has no trailing slash.
        var baseHref = Regex.Match(html, "<base href=\"([^\"]+)\"").Groups[1].Value;
        var scripts = Regex.Matches(html, "<script[^>]* src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.That(scripts, Is.Not.Empty, html);
        foreach (var script in scripts)
        {
            using var asset = await _http.GetAsync(new Uri(new Uri(_http.BaseAddress!, baseHref), script));
            Assert.That(asset.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{script} from {baseHref}");
        }
    }

    private async Task<string> RawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_factory.RootUri.Host, _factory.RootUri.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);
        var text = Encoding.ASCII.GetString(buffer, 0, read);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
