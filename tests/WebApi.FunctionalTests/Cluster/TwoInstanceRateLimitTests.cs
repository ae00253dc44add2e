using System.Globalization;
using System.Net;

namespace Shop.WebApi.FunctionalTests.Cluster;

/// <summary>The sign-in limit is counted in the database: two instances together allow what one allows.</summary>
public sealed class TwoInstanceRateLimitTests(string provider) : TwoInstancesTestBase(provider)
{
    protected override int TokenPermitLimit => 4;

    [Test]
    public async Task Token_requests_split_over_both_instances_share_one_limit()
    {
        for (var i = 0; i < TokenPermitLimit; i++)
        {
            using var allowed = await SignInAsync(Api(i), "nobody", WrongPassword);
            await ReadAsync(allowed, HttpStatusCode.Unauthorized, $"request {i + 1}, within the limit");
        }

        using var onA = await SignInAsync(ApiA, "nobody", WrongPassword);
        using var onB = await PostAsync(ApiB, "/api/token/refresh", new { refresh = "nothing" });

        foreach (var limited in new[] { onA, onB })
        {
            await ReadAsync(limited, HttpStatusCode.TooManyRequests, "past the limit, whichever instance");
            var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
            Assert.That(retryAfter, Is.InRange(1, 60));
        }
    }
}
