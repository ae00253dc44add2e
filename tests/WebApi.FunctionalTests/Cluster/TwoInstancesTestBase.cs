using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.Persistence;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Cluster;

/// <summary>
/// Two instances of the app on one PostgreSQL database, started on it while it was empty, as behind a balancer
/// (<c>bench/cluster.sh</c>). PostgreSQL only: several servers on one SQLite file is not a supported deployment.
/// </summary>
[TestFixture(ShopFactory.Postgres)]
public abstract class TwoInstancesTestBase(string provider)
{
    protected const string Password = "Passw0rd!x";
    protected const string WrongPassword = "Wr0ng!pass";

    protected ShopFactory A { get; private set; } = null!;
    protected ShopFactory B { get; private set; } = null!;
    protected HttpClient ApiA { get; private set; } = null!;
    protected HttpClient ApiB { get; private set; } = null!;

    protected virtual int TokenPermitLimit => 10_000;

    [OneTimeSetUp]
    public async Task StartInstancesAsync()
    {
        (A, B) = await ShopFactory.StartPairAsync(provider, TokenPermitLimit);
        ApiA = A.CreateApiClient();
        ApiB = B.CreateApiClient();
    }

    [OneTimeTearDown]
    public async Task StopInstancesAsync()
    {
        ApiA?.Dispose();
        ApiB?.Dispose();
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
    }

    /// <summary>The instance the <paramref name="i"/>-th request goes to: A, B, A, B, … as a round-robin balancer sends them.</summary>
    protected HttpClient Api(int i) => i % 2 == 0 ? ApiA : ApiB;

    protected async Task<string> NewUserAsync(bool isStaff = false)
    {
        var userName = "u" + Guid.NewGuid().ToString("N")[..16];
        await A.CreateUserAsync(userName, Password, isStaff);
        return userName;
    }

    protected static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    protected static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        PostAsync(client, "/api/token", new { username = userName, password });

    /// <summary>Asserts the status (and a problem+json body for an error) and answers the body.</summary>
    protected static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string because = "")
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{because} {response.RequestMessage?.RequestUri}: {text}");
        if ((int)expected >= 400) Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A user's lockout bookkeeping as the database holds it.</summary>
    protected async Task<(int FailedCount, DateTimeOffset? LockoutEnd)> LockoutOfAsync(string userName)
    {
        await using var scope = A.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        return (user.AccessFailedCount, user.LockoutEnd);
    }
}
