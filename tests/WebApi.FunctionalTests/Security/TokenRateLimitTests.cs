using System.Net;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Security;

/// <summary>The app with the default token rate limit: 10 requests per 60 seconds per client.</summary>
public sealed class TokenRateLimitTests(string provider) : ApiTestBase(provider)
{
    protected override int TokenPermitLimit => 10;

    protected override bool SignInUsers => false;

    [Test]
    public async Task Eleventh_token_request_within_the_window_is_429_with_Retry_After_in_whole_seconds()
    {
        for (var i = 0; i < 10; i++)
        {
            using var allowed = await SendAsync(HttpMethod.Post, i % 2 == 0 ? "/api/token" : "/api/token/refresh",
                i % 2 == 0 ? new { username = "nobody", password = "Wr0ng!pass" } : new { refresh = "nothing" });
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"request {i + 1} is within the limit");
        }

        using var limited = await SendAsync(HttpMethod.Post, "/api/token", new { username = "nobody", password = "Wr0ng!pass" });

        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.That(limited.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) ? nosniff.Single() : null, Is.EqualTo("nosniff"));
        Assert.That(limited.Headers.TryGetValues("Retry-After", out var values), Is.True, "Retry-After header");
        var retryAfter = values!.Single();
        Assert.That(retryAfter, Does.Match(@"^\d+$"), "whole seconds");
        Assert.That(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, 60));
    }
}

/// <summary>Retry-After counts down to the end of the window: it is the wait until a request is allowed again.</summary>
public sealed class TokenRateLimitRetryAfterTests(string provider) : ApiTestBase(provider)
{
    protected override int TokenPermitLimit => 2;

    protected override bool SignInUsers => false;

    private async Task<HttpResponseMessage> SignInAsync() =>
        await SendAsync(HttpMethod.Post, "/api/token", new { username = "nobody", password = "Wr0ng!pass" });

    private static int RetryAfterOf(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        return int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task Retry_After_is_the_time_left_in_the_window_not_the_whole_window()
    {
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await SignInAsync();
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"request {i + 1} is within the limit");
        }
        using var first = await SignInAsync();
        var before = RetryAfterOf(first);

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        using var later = await SignInAsync();

        Assert.That(before, Is.InRange(58, 60), "right after the window filled up");
        Assert.That(RetryAfterOf(later), Is.InRange(1, before - 2), "two seconds later, two seconds less to wait");
    }
}
