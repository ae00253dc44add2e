using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Replication;

/// <summary>
/// What the replica tests share. A "replica" here is a second migrated database whose rows differ from the primary's
/// (same product id, another name), so an answer tells which database gave it. Real streaming replication is the
/// cluster script's (bench/cluster.sh), not the tests'.
/// </summary>
internal static class ReplicaTestSupport
{
    public const string Password = "Passw0rd!x";

    public static string Marker() => $"m{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}";

    /// <summary>A staff user of <paramref name="app"/> and its access token.</summary>
    public static async Task<string> StaffTokenAsync(ShopFactory app)
    {
        var name = "staff" + Marker();
        await app.CreateUserAsync(name, Password, isStaff: true);
        using var client = app.CreateApiClient();
        using var response = await client.PostAsJsonAsync("/api/token", new { username = name, password = Password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["access"]!.GetValue<string>();
    }

    public static async Task<JsonObject> CreatePublishedAsync(ShopFactory app, string token, string name)
    {
        using var client = app.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/products") { Content = JsonContent.Create(new { name, price = 10, status = "published" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A GET's JSON body (200 asserted), with a bearer token when given.</summary>
    public static async Task<JsonObject> GetAsync(HttpClient client, string url, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {url}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> PatchAsync(HttpClient client, string url, object body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"PATCH {url}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// The primary and its "replica", each with one published product of the same id: "{marker} primary" and
    /// "{marker} replica". <paramref name="configure"/> adds settings or services to the primary's app.
    /// </summary>
    public static async Task<(ShopFactory Primary, ShopFactory Replica, int ProductId, string StaffToken)> StartPairAsync(
        string marker, Action<IWebHostBuilder>? configure = null)
    {
        var replica = await ShopFactory.StartAsync(ShopFactory.Postgres);
        var replicaProduct = await CreatePublishedAsync(replica, await StaffTokenAsync(replica), $"{marker} replica");
        var primary = await ShopFactory.StartAsync(ShopFactory.Postgres, configure: builder =>
        {
            builder.UseSetting("ConnectionStrings:ShopRead", replica.PostgresConnectionString);
            configure?.Invoke(builder);
        });
        var token = await StaffTokenAsync(primary);
        var primaryProduct = await CreatePublishedAsync(primary, token, $"{marker} primary");
        Assert.That(primaryProduct["id"]!.GetValue<int>(), Is.EqualTo(replicaProduct["id"]!.GetValue<int>()), "both databases start empty");
        return (primary, replica, primaryProduct["id"]!.GetValue<int>(), token);
    }

    /// <summary>Asks until <paramref name="answered"/> holds (or the time is up) and answers the last body.</summary>
    public static async Task<JsonObject> EventuallyAsync(Func<Task<JsonObject>> ask, Func<JsonObject, bool> answered, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var body = await ask();
            if (answered(body) || DateTime.UtcNow >= until) return body;
            await Task.Delay(25);
        }
    }

    public static string NameOf(JsonObject product) => product["name"]!.GetValue<string>();

    public static string FirstNameIn(JsonObject page) => page["items"]!.AsArray().Single()!["name"]!.GetValue<string>();
}
