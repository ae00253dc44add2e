using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.Persistence;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Security;

/// <summary>
/// When the database cannot count a sign-in attempt, the attempt is refused with a 503 (never let through uncounted,
/// never a 500). The fixture's app loses the table the limit is counted in.
/// </summary>
public sealed class TokenRateLimitUnavailableTests(string provider) : ApiTestBase(provider)
{
    protected override bool SignInUsers => false;

    [OneTimeSetUp]
    public async Task BreakTheCountingAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.ExecuteSqlRawAsync("""DROP TABLE "RateLimitWindows" """);
    }

    [Test]
    public async Task A_token_request_the_database_cannot_count_is_503_with_Retry_After()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/token", new { username = "nobody", password = "Wr0ng!pass" });

        await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task Showing_the_login_page_does_not_count_so_it_still_answers()
    {
        using var response = await GetAsync("/accounts/login");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
