using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages.Admin;

/// <summary><c>/admin/imports</c>: an upload form that queues an import job, and the jobs with their progress.</summary>
public sealed class AdminImportsPageTests(string provider) : PageTestBase(provider)
{
    private PageClient _staff = null!;

    [OneTimeSetUp]
    public async Task SignInStaffAsync() => _staff = await SignedInAsync(staff: true);

    [OneTimeTearDown]
    public void DisposeStaff() => _staff?.Dispose();

    private async Task<PageAnswer> UploadAsync(string csv, bool withToken = true)
    {
        var page = await _staff.GetAsync("/admin/imports");
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        var token = ((IHtmlInputElement)page.Document.QuerySelector($"form#upload input[name={TokenField}]")!).Value;
        using var form = new MultipartFormDataContent();
        if (withToken) form.Add(new StringContent(token), TokenField);
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "admin.csv");
        var response = await _staff.Http.PostAsync("/admin/imports", form);
        return new PageAnswer(response, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_uploaded_file_is_queued_and_the_list_shows_the_job_until_it_has_run()
    {
        var slug = Unique("adm");
        var answer = await UploadAsync($"name,slug,price\nAdmin {slug},{slug},4\n");
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That(answer.LocationPathAndQuery, Is.EqualTo("/admin/imports"));

        PageAnswer list = null!;
        for (var i = 0; i < 120; i++)
        {
            list = await _staff.GetAsync("/admin/imports");
            if (list.Document.QuerySelector("#imports tbody tr .state")?.TextContent.Trim() == "succeeded") break;
            Assert.That(list.Document.QuerySelector("meta[http-equiv=refresh]"), Is.Not.Null, "the page refreshes while a job runs");
            await Task.Delay(250);
        }
        var row = list.Document.QuerySelector("#imports tbody tr")!;
        Assert.That(row.TextContent, Does.Contain("admin.csv").And.Contain("succeeded").And.Contain("1 / 1 rows"));
        Assert.That(list.Document.QuerySelector("meta[http-equiv=refresh]"), Is.Null, "nothing left to follow");
        using var product = await GetAsync($"/api/products/by-slug/{slug}", StaffToken);
        Assert.That(product.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_binary_file_is_refused_beside_the_field()
    {
        var answer = await UploadAsync("\0\0\0binary");
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Describe());
        Assert.That(answer.Document.QuerySelector("form#upload .field-error")?.TextContent, Does.Contain("not a UTF-8 CSV"));
    }

    [Test]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        var answer = await UploadAsync("name,slug,price\nx,x,1\n", withToken: false);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task The_page_is_for_staff_only()
    {
        using var user = await SignedInAsync(staff: false);
        AssertForbiddenPage(await user.GetAsync("/admin/imports"));
    }
}
