using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Service;

/// <summary>
/// What only the real server shows (the in-memory test server has no body size limit): body limits answered as 413
/// problems the client can read, whether the body's length is declared or not.
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
}
