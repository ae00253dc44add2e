using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Security;

/// <summary>
/// Behind a balancer every request arrives from the balancer's address: the sign-in limit counts the client the trusted
/// proxy names in <c>X-Forwarded-For</c> (loopback is trusted by default), and only a trusted proxy can name one.
/// </summary>
public sealed class ForwardedClientRateLimitTests(string provider) : ApiTestBase(provider)
{
    /// <summary>Where the test says a request comes from: the test server has no network peer of its own.</summary>
    private const string PeerHeader = "X-Test-Peer";

    private static readonly IPAddress Balancer = IPAddress.Loopback;

    protected override int TokenPermitLimit => 2;

    protected override bool SignInUsers => false;

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, PeerFromHeader>());

    /// <summary>Sets the connection's address before anything else runs, as Kestrel would for a real peer.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[PeerHeader], out var peer)) http.Connection.RemoteIpAddress = peer;
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    /// <summary>A wrong-password POST to /api/token as it reaches the app from <paramref name="peer"/>; answers the status.</summary>
    private async Task<HttpStatusCode> SignInFromAsync(IPAddress peer, string forwardedFor)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/token", new { username = "nobody", password = "Wr0ng!pass" }, headers: h =>
        {
            h.Add(PeerHeader, peer.ToString());
            h.Add("X-Forwarded-For", forwardedFor);
        });
        return response.StatusCode;
    }

    [Test]
    public async Task Clients_behind_the_trusted_balancer_are_counted_apart()
    {
        for (var i = 0; i < 2; i++)
            Assert.That(await SignInFromAsync(Balancer, "203.0.113.10"), Is.EqualTo(HttpStatusCode.Unauthorized), $"first client, request {i + 1}");
        Assert.That(await SignInFromAsync(Balancer, "203.0.113.10"), Is.EqualTo(HttpStatusCode.TooManyRequests), "first client, past its limit");

        Assert.That(await SignInFromAsync(Balancer, "203.0.113.11"), Is.EqualTo(HttpStatusCode.Unauthorized), "another client through the same balancer");
    }

    [Test]
    public async Task An_untrusted_peer_cannot_name_another_client_to_escape_its_limit()
    {
        var peer = IPAddress.Parse("198.51.100.20");
        for (var i = 0; i < 2; i++)
            Assert.That(await SignInFromAsync(peer, $"203.0.113.{100 + i}"), Is.EqualTo(HttpStatusCode.Unauthorized), $"request {i + 1}");

        Assert.That(await SignInFromAsync(peer, "203.0.113.199"), Is.EqualTo(HttpStatusCode.TooManyRequests),
            "a new X-Forwarded-For from an untrusted peer is ignored");
    }

    [Test]
    public async Task An_untrusted_peer_cannot_spend_another_clients_limit()
    {
        var peer = IPAddress.Parse("198.51.100.21");
        for (var i = 0; i < 3; i++) await SignInFromAsync(peer, "203.0.113.50");

        Assert.That(await SignInFromAsync(Balancer, "203.0.113.50"), Is.EqualTo(HttpStatusCode.Unauthorized),
            "the client it named still has its whole limit");
    }
}
