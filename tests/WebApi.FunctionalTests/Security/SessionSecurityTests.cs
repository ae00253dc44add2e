using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Security;

/// <summary>
/// Sign-in under concurrency (every answer is the one a single request gets; lockout counts every guess) and the
/// end of sessions on the server (logout kills copies of the cookie and the refresh tokens).
/// </summary>
public sealed class SessionSecurityTests(string provider) : PageTestBase(provider)
{
    [Test]
    public async Task Wrong_passwords_sent_at_once_all_answer_401_and_lock_the_account()
    {
        var userName = await NewUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            SendAsync(HttpMethod.Post, "/api/token", new { username = userName, password = "Wr0ng!guess" + i })));

        // Asserted one after another: NUnit's assertion scopes must not be opened from parallel tasks.
        foreach (var response in responses)
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            response.Dispose();
        }
        using var right = await SendAsync(HttpMethod.Post, "/api/token", new { username = userName, password = Password });
        await AssertProblemAsync(right, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Wrong_passwords_posted_at_once_on_the_login_form_all_show_the_form_with_its_message()
    {
        var userName = await NewUserAsync();
        var visitors = Enumerable.Range(0, 12).Select(_ => NewVisitor()).ToList();
        var forms = await Task.WhenAll(visitors.Select(v => v.GetAsync("/accounts/login")));

        var answers = await Task.WhenAll(visitors.Select((v, i) =>
            v.SubmitAsync(forms[i], f => f.Set("Username", userName).Set("Password", "Wr0ng!guess" + i))));

        Assert.Multiple(() =>
        {
            foreach (var answer in answers)
            {
                Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Describe());
                Assert.That(answer.VisibleText, Does.Contain("The username or password is not right"), answer.Describe());
            }
        });
        var locked = await NewVisitor().SignInAsync(userName, Password);
        Assert.That(locked.Status, Is.EqualTo(HttpStatusCode.OK), "more than five failures counted: locked " + locked.Describe());
        visitors.ForEach(v => v.Dispose());
    }

    [Test]
    public async Task Right_passwords_sent_at_once_all_get_tokens()
    {
        var userName = await NewUserAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await SendAsync(HttpMethod.Post, "/api/token", new { username = userName, password = Password });
            return response.StatusCode;
        }));

        Assert.That(answers, Is.All.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Token_answers_and_their_errors_are_never_cached()
    {
        var userName = await NewUserAsync();
        using var ok = await SendAsync(HttpMethod.Post, "/api/token", new { username = userName, password = Password });
        using var bad = await SendAsync(HttpMethod.Post, "/api/token", new { username = userName, password = "Wr0ng!guess" });
        using var refresh = await SendAsync(HttpMethod.Post, "/api/token/refresh", new { refresh = "not-a-token" });

        Assert.Multiple(() =>
        {
            foreach (var response in new[] { ok, bad, refresh })
                Assert.That(response.Headers.CacheControl?.NoStore, Is.True, $"{(int)response.StatusCode} {response.RequestMessage!.RequestUri}");
        });
    }

    [Test]
    public async Task A_copy_of_the_cookie_taken_before_logout_no_longer_opens_staff_pages()
    {
        var userName = await NewUserAsync(isStaff: true);
        using var browser = NewVisitor();
        Assert.That((await browser.SignInAsync(userName, Password)).Status, Is.EqualTo(HttpStatusCode.Redirect));
        var stolen = browser.Cookies.GetCookieHeader(new Uri("http://localhost/"));
        using var thief = NewVisitor();
        Assert.That((await thief.GetAsync("/admin", r => r.Headers.Add("Cookie", stolen))).Status, Is.EqualTo(HttpStatusCode.OK),
            "the copy works while the session lasts");

        var home = await browser.GetAsync("/");
        var logout = await browser.SubmitAsync(home, form: home.Document.Forms.First(f => f.GetAttribute("action") == "/accounts/logout"));
        Assert.That(logout.Status, Is.EqualTo(HttpStatusCode.Redirect), logout.Describe());

        AssertRedirectsToLogin(await thief.GetAsync("/admin", r => r.Headers.Add("Cookie", stolen)), "/admin");
        Assert.That((await browser.SignInAsync(userName, Password)).Status, Is.EqualTo(HttpStatusCode.Redirect), "signing in again works");
    }

    [Test]
    public async Task Logout_revokes_the_users_refresh_tokens()
    {
        var userName = await NewUserAsync(isStaff: true);
        var pair = await SignInAsync(userName, Password);
        using var browser = NewVisitor();
        await browser.SignInAsync(userName, Password);
        var home = await browser.GetAsync("/");
        await browser.SubmitAsync(home, form: home.Document.Forms.First(f => f.GetAttribute("action") == "/accounts/logout"));

        using var refresh = await SendAsync(HttpMethod.Post, "/api/token/refresh", new { refresh = pair["refresh"]!.GetValue<string>() });

        await AssertProblemAsync(refresh, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_flash_cookie_is_secure_on_https()
    {
        var userName = await NewUserAsync(isStaff: true);
        using var http = Factory.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(new CookieContainer()));
        var page = await http.GetStringAsync("/accounts/login");
        var fields = FieldsOf(MainPostForm(Parse(page))).Set("Username", userName).Set("Password", Password);
        using (await http.PostAsync("/accounts/login", new FormUrlEncodedContent(fields))) { }
        var home = await http.GetStringAsync("/");
        var logoutFields = FieldsOf(Parse(home).Forms.First(f => f.GetAttribute("action") == "/accounts/logout"));

        using var logout = await http.PostAsync("/accounts/logout", new FormUrlEncodedContent(logoutFields));

        var flash = logout.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("shop.flash=", StringComparison.Ordinal));
        Assert.That(flash, Does.Contain("secure").IgnoreCase, flash);
    }
}
