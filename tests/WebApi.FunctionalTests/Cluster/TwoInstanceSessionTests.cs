using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.Persistence;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Cluster;

/// <summary>
/// Sessions hold whichever instance a request lands on: cookies and antiforgery tokens are sealed with the key ring in
/// the database (one key, made before the first instance served), access tokens are signed with the shared key, and refresh
/// tokens live in the database.
/// </summary>
public sealed class TwoInstanceSessionTests(string provider) : TwoInstancesTestBase(provider)
{
    [Test]
    public async Task Both_instances_seal_with_the_one_key_of_the_ring_in_the_database()
    {
        await using var scope = B.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().DataProtectionKeys.CountAsync();

        Assert.That(keys, Is.EqualTo(1));
    }

    [Test]
    public async Task A_form_from_one_instance_signs_in_on_the_other_and_the_cookie_works_on_both()
    {
        var userName = await NewUserAsync(isStaff: true);
        var cookies = new CookieContainer();
        using var onA = new PageClient(A, cookies);
        using var onB = new PageClient(B, cookies);

        var form = await onA.GetAsync("/accounts/login");
        var signedIn = await onB.SubmitAsync(form, f => f.Set("Username", userName).Set("Password", Password));

        Assert.That(signedIn.Status, Is.EqualTo(HttpStatusCode.Redirect), "B accepts A's antiforgery token: " + signedIn.Describe());
        var adminOnA = await onA.GetAsync("/admin");
        var adminOnB = await onB.GetAsync("/admin");
        Assert.That(adminOnA.Status, Is.EqualTo(HttpStatusCode.OK), "B's cookie on A: " + adminOnA.Describe());
        Assert.That(adminOnB.Status, Is.EqualTo(HttpStatusCode.OK), adminOnB.Describe());
    }

    [Test]
    public async Task Signing_out_on_one_instance_ends_the_session_on_the_other()
    {
        var userName = await NewUserAsync(isStaff: true);
        var cookies = new CookieContainer();
        using var onA = new PageClient(A, cookies);
        using var onB = new PageClient(B, cookies);
        var signedIn = await onA.SignInAsync(userName, Password);
        Assert.That(signedIn.Status, Is.EqualTo(HttpStatusCode.Redirect), signedIn.Describe());

        var page = await onA.GetAsync("/admin");
        var logout = page.Document.Forms.Single(f => f.GetAttribute("action") == "/accounts/logout");
        var loggedOut = await onB.SubmitAsync(page, form: (IHtmlFormElement)logout);

        Assert.That(loggedOut.Status, Is.EqualTo(HttpStatusCode.Redirect), "B accepts A's logout form: " + loggedOut.Describe());
        var after = await onA.GetAsync("/admin");
        Assert.That(after.Status, Is.EqualTo(HttpStatusCode.Redirect), after.Describe());
        Assert.That(after.LocationPathAndQuery, Does.StartWith("/accounts/login"), after.Describe());
    }

    [Test]
    public async Task An_access_token_issued_by_one_instance_works_on_the_other()
    {
        var userName = await NewUserAsync(isStaff: true);
        using var signedIn = await SignInAsync(ApiA, userName, Password);
        var access = (await ReadAsync(signedIn, HttpStatusCode.OK))["access"]!.GetValue<string>();

        using var created = await PostAsync(ApiB, "/api/categories", new { name = "Cluster " + Guid.NewGuid().ToString("N")[..12] }, access);

        await ReadAsync(created, HttpStatusCode.Created, "a staff write on B with A's token");
    }

    [Test]
    public async Task A_refresh_token_issued_by_one_instance_rotates_on_the_other_and_then_stops_working_on_both()
    {
        var userName = await NewUserAsync();
        using var signedIn = await SignInAsync(ApiA, userName, Password);
        var refresh = (await ReadAsync(signedIn, HttpStatusCode.OK))["refresh"]!.GetValue<string>();

        using var rotated = await PostAsync(ApiB, "/api/token/refresh", new { refresh });
        var next = (await ReadAsync(rotated, HttpStatusCode.OK, "A's refresh token on B"))["refresh"]!.GetValue<string>();
        using var againOnA = await PostAsync(ApiA, "/api/token/refresh", new { refresh });

        Assert.That(next, Is.Not.EqualTo(refresh));
        await ReadAsync(againOnA, HttpStatusCode.Unauthorized, "the rotated token, back on A");
        using var nextOnA = await PostAsync(ApiA, "/api/token/refresh", new { refresh = next });
        await ReadAsync(nextOnA, HttpStatusCode.Unauthorized, "presenting a rotated token revoked its chain");
    }

    [Test]
    public async Task The_same_refresh_token_sent_to_both_instances_at_once_is_honoured_at_most_once_and_ends_its_chain()
    {
        // As on one instance: the second presentation of a token is a replay, which revokes the chain. Whichever of the
        // two wins the mark-used update, the other revokes the chain, so a pair handed out by the winner (if its own
        // re-check ran before the revocation) is dead too; never two live chains, never a 500.
        var userName = await NewUserAsync();
        using var signedIn = await SignInAsync(ApiA, userName, Password);
        var refresh = (await ReadAsync(signedIn, HttpStatusCode.OK))["refresh"]!.GetValue<string>();

        var answers = await Task.WhenAll(PostAsync(ApiA, "/api/token/refresh", new { refresh }), PostAsync(ApiB, "/api/token/refresh", new { refresh }));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.That(statuses, Has.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Unauthorized));
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.LessThanOrEqualTo(1));
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.OK))
        {
            var next = (await ReadAsync(answer, HttpStatusCode.OK))["refresh"]!.GetValue<string>();
            using var nextOnB = await PostAsync(ApiB, "/api/token/refresh", new { refresh = next });
            await ReadAsync(nextOnB, HttpStatusCode.Unauthorized, "the chain was revoked by the replay");
        }
        foreach (var answer in answers) answer.Dispose();
    }
}
