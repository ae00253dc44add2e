using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Service;

public sealed class ServiceEndpointTests(string provider) : ApiTestBase(provider)
{
    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];

    [Test]
    public async Task Api_root_links_to_each_collection_and_to_the_docs()
    {
        var root = await ListAsync("/api");

        var links = root.Select(p => p.Value?.GetValueKind() == JsonValueKind.String ? p.Value.GetValue<string>() : "").ToList();
        foreach (var path in new[] { "/api/products", "/api/categories", "/api/tags", "/api/docs" })
            Assert.That(links, Has.Some.EndsWith(path), $"a link to {path} in {root.ToJsonString()}");
    }

    [Test]
    public async Task OpenApi_document_describes_the_api_with_a_bearer_scheme_required_by_every_write()
    {
        var document = await ListAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject();

        Assert.That(paths.Select(p => p.Key), Is.SupersetOf(new[]
        {
            "/api/products", "/api/products/{id}", "/api/products/by-slug/{slug}", "/api/products/{id}/publish",
            "/api/products/{id}/archive", "/api/products/{id}/price-adjustments", "/api/categories", "/api/categories/{id}",
            "/api/tags", "/api/tags/{id}", "/api/token", "/api/token/refresh",
        }));

        var schemes = document["components"]?["securitySchemes"]?.AsObject();
        Assert.That(schemes, Is.Not.Null, "components.securitySchemes");
        var bearer = schemes!.FirstOrDefault(s => s.Value?["type"]?.GetValue<string>() == "http"
                                                  && string.Equals(s.Value?["scheme"]?.GetValue<string>(), "bearer", StringComparison.OrdinalIgnoreCase));
        Assert.That(bearer.Key, Is.Not.Null, $"an HTTP bearer scheme in {schemes.ToJsonString()}");

        var unsecured = new List<string>();
        foreach (var (path, item) in paths)
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/api/token", StringComparison.Ordinal)) continue;
            foreach (var (method, operation) in item!.AsObject().Where(o => WriteMethods.Contains(o.Key)))
            {
                var requirements = operation?["security"]?.AsArray() ?? document["security"]?.AsArray();
                if (requirements is null || !requirements.Any(r => r is JsonObject o && o.ContainsKey(bearer.Key)))
                    unsecured.Add($"{method.ToUpperInvariant()} {path}");
            }
        }
        Assert.That(unsecured, Is.Empty, "write operations without the bearer requirement");
    }

    [Test]
    public async Task OpenApi_document_has_request_and_response_schemas_for_product_create()
    {
        var document = await ListAsync("/openapi/v1.json");
        var create = document["paths"]?["/api/products"]?["post"];

        Assert.Multiple(() =>
        {
            Assert.That(create?["requestBody"]?["content"]?["application/json"]?["schema"], Is.Not.Null, "request schema");
            Assert.That(create?["responses"]?["201"]?["content"]?["application/json"]?["schema"], Is.Not.Null, "201 response schema");
        });
    }

    [Test]
    public async Task OpenApi_document_describes_the_problem_answers_and_typed_timestamps()
    {
        var document = await ListAsync("/openapi/v1.json");
        var paths = document["paths"]!;

        string[] Codes(string path, string method) =>
            paths[path]?[method]?["responses"]?.AsObject().Select(r => r.Key).ToArray() ?? [];
        JsonNode? ProblemOf(string path, string method, string status) =>
            paths[path]?[method]?["responses"]?[status]?["content"]?["application/problem+json"]?["schema"];

        Assert.Multiple(() =>
        {
            Assert.That(Codes("/api/products", "post"), Is.SupersetOf(new[] { "201", "400", "401", "403", "409", "413", "415" }));
            Assert.That(Codes("/api/products/{id}", "patch"), Is.SupersetOf(new[] { "200", "400", "401", "403", "404", "409", "412", "415" }));
            Assert.That(Codes("/api/products/{id}", "get"), Does.Contain("404").And.Not.Contains("401"));
            Assert.That(Codes("/api/products", "get"), Does.Contain("400"), "bad filter values");
            Assert.That(Codes("/api/categories/{id}", "delete"), Is.SupersetOf(new[] { "204", "401", "403", "404", "409" }));
            Assert.That(Codes("/api/token", "post"), Is.SupersetOf(new[] { "200", "400", "401", "429" }));
            Assert.That(ProblemOf("/api/products", "post", "400")?["$ref"]?.GetValue<string>(), Is.EqualTo("#/components/schemas/ProblemDetails"));
            var problem = document["components"]?["schemas"]?["ProblemDetails"]?["properties"]?.AsObject();
            Assert.That(problem?.Select(p => p.Key), Is.SupersetOf(new[] { "type", "title", "status", "detail", "errors" }));
            var product = document["components"]?["schemas"]?["ProductDto"]?["properties"];
            Assert.That(product?["createdAt"]?["type"]?.ToJsonString(), Is.EqualTo("\"string\""));
            Assert.That(product?["publishedAt"]?["type"]?.AsArray().Select(t => t!.GetValue<string>()), Is.EquivalentTo(new[] { "string", "null" }));
        });
    }

    /// <summary>GET /api/docs, following a redirect within the docs (e.g. to add a trailing slash).</summary>
    private async Task<HttpResponseMessage> GetDocsAsync()
    {
        var response = await GetAsync("/api/docs");
        for (var hops = 0; hops < 3 && (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location; hops++)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(new Uri(Client.BaseAddress!, "/api/docs"), location);
            Assert.That(target.AbsolutePath, Does.StartWith("/api/docs"), "the docs redirect only within the docs");
            response.Dispose();
            response = await GetAsync(target.ToString());
        }
        return response;
    }

    [Test]
    public async Task Docs_page_is_html()
    {
        using var response = await GetDocsAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("<html").IgnoreCase);
    }

    [Test]
    public async Task Html_pages_forbid_framing_and_send_a_Referrer_Policy()
    {
        using var response = await GetDocsAsync();

        var frameOptions = response.Headers.TryGetValues("X-Frame-Options", out var f) ? string.Join(",", f) : "";
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var c) ? string.Join(",", c) : "";
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(frameOptions.Equals("DENY", StringComparison.OrdinalIgnoreCase) || csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal),
                Is.True, $"X-Frame-Options: {frameOptions}; CSP: {csp}");
            Assert.That(response.Headers.Contains("Referrer-Policy"), Is.True);
        });
    }

    [TestCase("/healthz")]
    [TestCase("/healthz/ready")]
    public async Task Health_endpoints_answer_200(string url)
    {
        using var response = await GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [TestCase("DELETE", "/api/products")]
    [TestCase("PATCH", "/api/categories")]
    [TestCase("POST", "/api/tags/1")]
    public async Task Method_not_allowed_is_405_problem(string method, string url)
    {
        using var response = await SendAsync(new HttpMethod(method), url, token: StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [TestCase("/api/nothing")]
    [TestCase("/api/products/1/nothing")]
    public async Task Unknown_api_address_is_404_problem(string url)
    {
        using var response = await GetAsync(url);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static IEnumerable<TestCaseData> AnyResponses()
    {
        TestCaseData Case(string method, string url, bool staff = false) =>
            new TestCaseData(method, url, staff).SetArgDisplayNames($"{method} {url}{(staff ? " as staff" : "")}");
        yield return Case("GET", "/api");
        yield return Case("GET", "/api/products");
        yield return Case("GET", "/api/products/987654321");
        yield return Case("GET", "/api/categories");
        yield return Case("GET", "/api/tags");
        yield return Case("GET", "/api/nothing");
        yield return Case("POST", "/api/products");
        yield return Case("POST", "/api/products", staff: true);
        yield return Case("DELETE", "/api/products");
        yield return Case("GET", "/openapi/v1.json");
        yield return Case("GET", "/api/docs");
        yield return Case("GET", "/healthz");
        yield return Case("GET", "/healthz/ready");
        yield return Case("GET", "/");
    }

    [TestCaseSource(nameof(AnyResponses))]
    public async Task Every_response_carries_X_Content_Type_Options_nosniff(string method, string url, bool staff)
    {
        using var response = await SendAsync(new HttpMethod(method), url, token: staff ? StaffToken : null);

        Assert.That(response.Headers.TryGetValues("X-Content-Type-Options", out var values) ? string.Join(",", values) : null, Is.EqualTo("nosniff"),
            $"{method} {url} answered {(int)response.StatusCode}");
    }

    [Test]
    public async Task A_304_also_carries_nosniff()
    {
        var product = await CreatePublishedProductAsync();
        using var first = await GetAsync($"/api/products/{IdOf(product)}");
        using var second = await GetAsync($"/api/products/{IdOf(product)}", headers: h => h.IfNoneMatch.Add(first.Headers.ETag!));

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(second.Headers.TryGetValues("X-Content-Type-Options", out var values) ? string.Join(",", values) : null, Is.EqualTo("nosniff"));
    }

    [Test]
    public async Task Json_answers_use_camelCase_and_utf8()
    {
        using var response = await GetAsync("/api/products");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(response.Content.Headers.ContentType?.CharSet ?? "utf-8", Is.EqualTo("utf-8").IgnoreCase);
            Assert.That(JsonNode.Parse(text)!.AsObject().Select(p => p.Key), Has.All.Matches<string>(k => char.IsLower(k[0])));
        });
    }
}
