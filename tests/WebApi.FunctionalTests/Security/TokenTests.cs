using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Security;

public sealed class TokenTests(string provider) : ApiTestBase(provider)
{
    private Task<HttpResponseMessage> RefreshAsync(string refresh) =>
        SendAsync(HttpMethod.Post, "/api/token/refresh", new { refresh });

    [Test]
    public async Task Token_answers_access_refresh_and_accessExpiresAt()
    {
        var userName = await NewUserAsync(isStaff: true);

        var pair = await SignInAsync(userName, Password);

        Assert.Multiple(() =>
        {
            Assert.That(pair["access"]!.GetValue<string>().Split('.'), Has.Length.EqualTo(3), "a JWT");
            Assert.That(pair["refresh"]!.GetValue<string>(), Is.Not.Empty);
            var expires = DateTime.Parse(pair["accessExpiresAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            Assert.That(expires.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(expires, Is.EqualTo(DateTime.UtcNow.AddMinutes(15)).Within(TimeSpan.FromMinutes(1)), "short-lived: 15 minutes by default");
        });

        using var write = await SendAsync(HttpMethod.Post, "/api/products", ProductBody(), pair["access"]!.GetValue<string>());
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the access token works as a bearer token");
    }

    [Test]
    public async Task Bad_password_and_unknown_user_answer_the_same_401()
    {
        var userName = await NewUserAsync();

        using var badPassword = await SendAsync(HttpMethod.Post, "/api/token", new { username = userName, password = "Wr0ng!pass" });
        using var unknownUser = await SendAsync(HttpMethod.Post, "/api/token", new { username = Unique("ghost"), password = "Wr0ng!pass" });

        var first = await AssertProblemAsync(badPassword, HttpStatusCode.Unauthorized);
        var second = await AssertProblemAsync(unknownUser, HttpStatusCode.Unauthorized);
        first.Remove("traceId");
        second.Remove("traceId");
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(first, second), Is.True, $"{first.ToJsonString()}\n{second.ToJsonString()}");
            Assert.That(badPassword.Headers.WwwAuthenticate.ToString(), Is.EqualTo(unknownUser.Headers.WwwAuthenticate.ToString()));
        });
    }

    [Test]
    public async Task Five_failed_attempts_lock_the_account_and_the_right_password_then_answers_the_same_401()
    {
        var userName = await NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await SendAsync(HttpMethod.Post, "/api/token", new { username = userName, password = "Wr0ng!pass" });
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
        using var badPassword = await SendAsync(HttpMethod.Post, "/api/token", new { username = Unique("ghost"), password = "Wr0ng!pass" });
        var reference = await AssertProblemAsync(badPassword, HttpStatusCode.Unauthorized);

        using var locked = await SendAsync(HttpMethod.Post, "/api/token", new { username = userName, password = Password });

        var problem = await AssertProblemAsync(locked, HttpStatusCode.Unauthorized);
        Assert.That(problem["detail"]?.GetValue<string>(), Is.EqualTo(reference["detail"]?.GetValue<string>()), "a lock answers like a bad password");
    }

    [Test]
    public async Task Fewer_than_five_failed_attempts_do_not_lock_the_account()
    {
        var userName = await NewUserAsync();
        for (var i = 0; i < 4; i++)
        {
            using var failed = await SendAsync(HttpMethod.Post, "/api/token", new { username = userName, password = "Wr0ng!pass" });
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        var pair = await SignInAsync(userName, Password);

        Assert.That(pair["access"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task Refresh_answers_a_new_pair_and_the_old_refresh_token_stops_working()
    {
        var userName = await NewUserAsync(isStaff: true);
        var first = await SignInAsync(userName, Password);
        var oldRefresh = first["refresh"]!.GetValue<string>();

        using var refreshed = await RefreshAsync(oldRefresh);
        var second = await ReadObjectAsync(refreshed, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(second["refresh"]!.GetValue<string>(), Is.Not.EqualTo(oldRefresh));
            Assert.That(second["access"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(second["accessExpiresAt"]!.GetValue<string>(), Does.EndWith("Z"));
        });
        using (var write = await SendAsync(HttpMethod.Post, "/api/products", ProductBody(), second["access"]!.GetValue<string>()))
            Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the refreshed access token works");

        using var reused = await RefreshAsync(oldRefresh);
        await AssertProblemAsync(reused, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Presenting_a_rotated_refresh_token_revokes_the_whole_chain()
    {
        var userName = await NewUserAsync();
        var first = (await SignInAsync(userName, Password))["refresh"]!.GetValue<string>();
        string second;
        using (var rotated = await RefreshAsync(first))
            second = (await ReadObjectAsync(rotated, HttpStatusCode.OK))["refresh"]!.GetValue<string>();

        using (var replay = await RefreshAsync(first))
            await AssertProblemAsync(replay, HttpStatusCode.Unauthorized);

        using var newest = await RefreshAsync(second);
        await AssertProblemAsync(newest, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Revoking_one_chain_leaves_another_sign_in_working()
    {
        var userName = await NewUserAsync();
        var stolen = (await SignInAsync(userName, Password))["refresh"]!.GetValue<string>();
        var other = (await SignInAsync(userName, Password))["refresh"]!.GetValue<string>();
        using (var rotated = await RefreshAsync(stolen)) Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var replay = await RefreshAsync(stolen)) Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var response = await RefreshAsync(other);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Unknown_refresh_token_is_401_problem()
    {
        using var response = await RefreshAsync("definitely-not-a-refresh-token");
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Token_request_with_an_unknown_property_is_400()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/token", """{"user": "x", "password": "y"}""");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
