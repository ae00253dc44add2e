using System.Net;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages;

/// <summary><c>/accounts/login</c> and <c>/accounts/logout</c>: cookie sign-in over the API's users, lockout, logout by POST.</summary>
public sealed class AccountPageTests(string provider) : PageTestBase(provider)
{
    private const string AuthCookie = "shop.auth";

    [Test]
    public async Task Login_page_shows_a_form_with_username_password_and_an_antiforgery_token()
    {
        using var visitor = NewVisitor();
        var page = await visitor.GetAsync("/accounts/login");
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        var form = MainPostForm(page.Document);
        Assert.Multiple(() =>
        {
            Assert.That(form.QuerySelector($"input[name='{TokenField}']")?.GetAttribute("value"), Is.Not.Empty);
            Assert.That(Control(page.Document, "Username").GetAttribute("type"), Is.EqualTo("text"));
            Assert.That(Control(page.Document, "Password").GetAttribute("type"), Is.EqualTo("password"));
        });
    }

    [Test]
    public async Task Right_credentials_set_an_httponly_samesite_auth_cookie_and_redirect_home()
    {
        var userName = await NewUserAsync();
        using var visitor = NewVisitor();

        var answer = await visitor.SignInAsync(userName, Password);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That(answer.LocationPathAndQuery, Is.EqualTo("/"));
        var cookie = answer.SetCookies.FirstOrDefault(c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal));
        Assert.That(cookie, Is.Not.Null, "the sign-in cookie");
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Match("(?i)samesite=(lax|strict)"));
        Assert.That((await visitor.GetAsync("/")).VisibleText, Does.Contain($"Hello, {userName}"));
    }

    [Test]
    public async Task Wrong_password_shows_the_form_again_with_a_message_and_the_username_but_not_the_password()
    {
        var userName = await NewUserAsync();
        using var visitor = NewVisitor();

        var answer = await visitor.SignInAsync(userName, "not-the-password");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Describe());
        Assert.Multiple(() =>
        {
            Assert.That(answer.Document.QuerySelector(".validation-summary-errors, .error, [role=alert]")?.TextContent.Trim(), Is.Not.Empty,
                "a message says the sign-in failed");
            Assert.That(ValueOf(answer.Document, "Username"), Is.EqualTo(userName));
            Assert.That(ValueOf(answer.Document, "Password"), Is.Empty);
            Assert.That(answer.Text, Does.Not.Contain("not-the-password"));
            Assert.That(visitor.HasCookie(AuthCookie), Is.False);
        });
    }

    [Test]
    public async Task Unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        var userName = await NewUserAsync();
        using var a = NewVisitor();
        using var b = NewVisitor();
        var wrongPassword = await a.SignInAsync(userName, "nope-nope-1");
        var unknownUser = await b.SignInAsync(Unique("ghost"), "nope-nope-1");
        Assert.That(unknownUser.Status, Is.EqualTo(wrongPassword.Status));
        Assert.That(unknownUser.Document.QuerySelector(".validation-summary-errors")?.TextContent.Trim(),
            Is.EqualTo(wrongPassword.Document.QuerySelector(".validation-summary-errors")?.TextContent.Trim()));
    }

    [Test]
    public async Task Empty_username_and_password_show_messages_next_to_the_fields()
    {
        using var visitor = NewVisitor();
        var answer = await visitor.SignInAsync("", "");
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Describe());
        var messages = ErrorNextTo(answer.Document, "Username") + ErrorNextTo(answer.Document, "Password")
                       + (answer.Document.QuerySelector(".validation-summary-errors")?.TextContent ?? "");
        Assert.That(messages.Trim(), Is.Not.Empty, answer.Describe());
    }

    [Test]
    public async Task Four_failures_do_not_lock_the_account()
    {
        var userName = await NewUserAsync();
        using var visitor = NewVisitor();
        for (var i = 0; i < 4; i++)
            Assert.That((await visitor.SignInAsync(userName, "wrong-" + i)).Status, Is.EqualTo(HttpStatusCode.OK));

        var answer = await visitor.SignInAsync(userName, Password);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
    }

    [Test]
    public async Task Five_failures_lock_the_account_for_the_form_and_the_api_alike()
    {
        var userName = await NewUserAsync();
        using var visitor = NewVisitor();
        for (var i = 0; i < 5; i++)
            Assert.That((await visitor.SignInAsync(userName, "wrong-" + i)).Status, Is.EqualTo(HttpStatusCode.OK));

        var locked = await visitor.SignInAsync(userName, Password);
        Assert.That(locked.Status, Is.EqualTo(HttpStatusCode.OK), "the right password is refused while locked: " + locked.Describe());
        Assert.That(visitor.HasCookie(AuthCookie), Is.False);
        using var api = await SendAsync(HttpMethod.Post, "/api/token", new { username = userName, password = Password });
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the API shares the lockout");
    }

    [Test]
    public async Task Api_users_sign_in_on_the_form_with_the_same_password()
    {
        var userName = await NewUserAsync();
        await SignInAsync(userName, Password); // the API accepts it ...
        using var visitor = NewVisitor();
        Assert.That((await visitor.SignInAsync(userName, Password)).Status, Is.EqualTo(HttpStatusCode.Redirect)); // ... and so does the form
    }

    [Test]
    public async Task Logout_post_signs_out_redirects_and_clears_the_cookie()
    {
        using var client = await SignedInAsync(staff: true);
        var page = await client.GetAsync("/");
        var logoutForm = page.Document.Forms.First(f => f.GetAttribute("action") == "/accounts/logout");

        var answer = await client.SubmitAsync(page, form: logoutForm);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That(answer.SetCookies, Has.Some.Match($"^{AuthCookie}=;.*expires=Thu, 01 Jan 1970"), "the cookie is deleted");
        Assert.That(client.HasCookie(AuthCookie), Is.False);
        AssertRedirectsToLogin(await client.GetAsync("/products/new"), "/products/new");
        var home = await client.GetAsync("/");
        Assert.That(home.VisibleText, Does.Not.Contain("Hello,"));
    }

    [Test]
    public async Task Logout_by_get_does_not_sign_out()
    {
        using var client = await SignedInAsync(staff: true);
        var answer = await client.GetAsync("/accounts/logout");
        Assert.That(answer.Status, Is.Not.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That((await client.GetAsync("/products/new")).Status, Is.EqualTo(HttpStatusCode.OK), "still signed in after a GET");
    }

    [Test]
    public async Task A_bearer_token_does_not_sign_in_on_pages()
    {
        // The pages authenticate the cookie only: a bearer token sent to a page is not a sign-in.
        using var visitor = NewVisitor();
        var page = await visitor.GetAsync("/products/new", r =>
            r.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", StaffToken));
        AssertRedirectsToLogin(page, "/products/new");
    }
}
