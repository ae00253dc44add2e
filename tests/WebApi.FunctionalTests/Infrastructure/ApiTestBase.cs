using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Shop.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// One app per fixture and provider (SQLite always, PostgreSQL when SHOP_TEST_POSTGRES is set), with a staff user
/// and an ordinary user signed in. Tests share the database, so each one works on names of its own.
/// </summary>
[TestFixture(ShopFactory.Sqlite)]
[TestFixture(ShopFactory.Postgres)]
public abstract partial class ApiTestBase(string provider)
{
    protected const string Password = "Passw0rd!x";
    protected const string MergePatch = "application/merge-patch+json";

    protected string Provider { get; } = provider;
    protected ShopFactory Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;
    protected string StaffToken { get; private set; } = "";
    protected string UserToken { get; private set; } = "";

    /// <summary>The token endpoints' rate limit for this fixture's app (the tests' default lifts it out of the way).</summary>
    protected virtual int TokenPermitLimit => 10_000;

    /// <summary>Whether the fixture signs in its staff and ordinary users up front (each sign-in counts against the rate limit).</summary>
    protected virtual bool SignInUsers => true;

    /// <summary>Configuration for this fixture's app on top of the tests' own; may start what it points at.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>> AppSettingsAsync() => Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    /// <summary>Test services or settings for this fixture's app, after the factory's own.</summary>
    protected virtual void ConfigureApp(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
    }

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        var settings = await AppSettingsAsync();
        Factory = await ShopFactory.StartAsync(Provider, TokenPermitLimit, configure: builder =>
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            ConfigureApp(builder);
        });
        Client = Factory.CreateApiClient();
        if (!SignInUsers) return;
        StaffToken = await NewUserTokenAsync(isStaff: true);
        UserToken = await NewUserTokenAsync(isStaff: false);
    }

    [OneTimeTearDown]
    public async Task StopAppAsync()
    {
        Client?.Dispose();
        if (Factory is not null) await Factory.DisposeAsync();
    }

    // Digits only: search matches parts of words, and a hex marker can spell a test's search word
    // ("…cafe…" made a search for "café" find every product carrying the marker).
    protected static string Unique(string prefix = "p") =>
        $"{prefix}{System.Security.Cryptography.RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000)}{System.Security.Cryptography.RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000)}";

    /// <summary>A new user (staff or not) with <see cref="Password"/>; answers its username.</summary>
    protected async Task<string> NewUserAsync(bool isStaff = false)
    {
        var userName = Unique(isStaff ? "staff" : "user");
        await Factory.CreateUserAsync(userName, Password, isStaff);
        return userName;
    }

    /// <summary>A new user (staff or not) and its access token.</summary>
    protected async Task<string> NewUserTokenAsync(bool isStaff) =>
        (await SignInAsync(await NewUserAsync(isStaff), Password))["access"]!.GetValue<string>();

    protected async Task<JsonObject> SignInAsync(string userName, string password)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/token", new { username = userName, password });
        return await ReadObjectAsync(response, HttpStatusCode.OK);
    }

    /// <summary>A valid product create body with a unique name; tests change what they need.</summary>
    protected static JsonObject ProductBody(string? name = null, decimal price = 10m) =>
        new() { ["name"] = name ?? Unique("Product "), ["price"] = price };

    /// <summary>
    /// Sends a request: <paramref name="body"/> as JSON (a string is sent as it is), with a bearer token when given.
    /// </summary>
    protected async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string url, object? body = null, string? token = null, string contentType = "application/json",
        Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var text = body switch
            {
                string s => s,
                JsonNode node => node.ToJsonString(),
                _ => JsonSerializer.Serialize(body, JsonSerializerOptions.Web),
            };
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        headers?.Invoke(request.Headers);
        return await Client.SendAsync(request);
    }

    protected Task<HttpResponseMessage> GetAsync(string url, string? token = null, Action<HttpRequestHeaders>? headers = null) =>
        SendAsync(HttpMethod.Get, url, token: token, headers: headers);

    /// <summary>Creates a product as staff and answers it (asserting the 201).</summary>
    protected async Task<JsonObject> CreateProductAsync(JsonObject? body = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products", body ?? ProductBody(), StaffToken);
        return await ReadObjectAsync(response, HttpStatusCode.Created);
    }

    protected async Task<JsonObject> CreatePublishedProductAsync(JsonObject? body = null)
    {
        body ??= ProductBody();
        body["status"] = "published";
        return await CreateProductAsync(body);
    }

    protected async Task<JsonObject> CreateCategoryAsync(string? name = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/categories", new { name = name ?? Unique("Category ") }, StaffToken);
        return await ReadObjectAsync(response, HttpStatusCode.Created);
    }

    protected async Task<JsonObject> CreateTagAsync(string? name = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/tags", new { name = name ?? Unique("t") }, StaffToken);
        return await ReadObjectAsync(response, HttpStatusCode.Created);
    }

    protected async Task<JsonObject> GetProductAsStaffAsync(int id)
    {
        using var response = await GetAsync($"/api/products/{id}", StaffToken);
        return await ReadObjectAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The list answer for a query (asserting the 200).</summary>
    protected async Task<JsonObject> ListAsync(string url, string? token = null)
    {
        using var response = await GetAsync(url, token);
        return await ReadObjectAsync(response, HttpStatusCode.OK);
    }

    protected static List<int> Ids(JsonObject page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()).ToList();

    protected static int IdOf(JsonNode node) => node["id"]!.GetValue<int>();

    /// <summary>Asserts the status and answers the JSON object of the body.</summary>
    protected static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        var node = JsonNode.Parse(text);
        Assert.That(node, Is.InstanceOf<JsonObject>(), text);
        return node!.AsObject();
    }

    /// <summary>
    /// Asserts an RFC 9457 problem with the contract's members; with <paramref name="errorKey"/>, also a validation
    /// error keyed by that camelCase field (and no JSON-path keys such as <c>$.price</c>).
    /// </summary>
    protected static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? errorKey = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        var where = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}";
        Assert.That(response.StatusCode, Is.EqualTo(status), where);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), where);
        var problem = JsonNode.Parse(text) as JsonObject;
        Assert.That(problem, Is.Not.Null, where);
        Assert.Multiple(() =>
        {
            foreach (var member in new[] { "type", "title", "detail", "traceId" })
                Assert.That(problem![member]?.GetValueKind(), Is.EqualTo(JsonValueKind.String), $"problem.{member} in {where}");
            Assert.That(problem!["status"]?.GetValueKind() == JsonValueKind.Number ? problem["status"]!.GetValue<int>() : (int?)null,
                Is.EqualTo((int)status), $"problem.status in {where}");
        });
        AssertNothingLeaks(text);
        if (errorKey is not null)
        {
            var errors = problem!["errors"] as JsonObject;
            Assert.That(errors, Is.Not.Null, $"errors in {where}");
            var keys = errors!.Select(e => e.Key).ToList();
            Assert.That(keys, Has.Member(errorKey), where);
            Assert.That(keys, Has.None.StartsWith("$"), where);
        }
        return problem!;
    }

    /// <summary>Asserts a 400 problem with an error keyed by a field whose name starts with <paramref name="keyPrefix"/>.</summary>
    protected static async Task AssertValidationProblemStartingWithAsync(HttpResponseMessage response, string keyPrefix)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var keys = (problem["errors"] as JsonObject)?.Select(e => e.Key).ToList() ?? [];
        Assert.That(keys, Has.Some.StartsWith(keyPrefix), problem.ToJsonString());
        Assert.That(keys, Has.None.StartsWith("$"), problem.ToJsonString());
    }

    /// <summary>No stack trace, exception or type name, SQL or framework detail in a body.</summary>
    protected static void AssertNothingLeaks(string body) =>
        Assert.That(LeakPattern().IsMatch(body), Is.False, $"The body leaks internals: {body}");

    [GeneratedRegex(@"Exception|\bat [A-Z][\w.`]+\(|System\.|Shop\.|Microsoft\.|Npgsql|SQLite|SELECT |INSERT |Int32|Int64|Decimal\b|Nullable`|\.cs:line")]
    private static partial Regex LeakPattern();
}
