using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>POST /api/imports queues a CSV import that a background worker runs; GET /api/imports/{id} follows it.</summary>
public sealed class ImportJobTests(string provider) : ApiTestBase(provider)
{
    private async Task<HttpResponseMessage> UploadAsync(byte[] content, string? token, string fileName = "products.csv", string part = "file")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, part, fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = form };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Client.SendAsync(request);
    }

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\n", ["name,slug,price", .. rows]) + "\n");

    /// <summary>Polls the job until it ends (an upload wakes the worker at once).</summary>
    private async Task<JsonObject> FinishedAsync(string location)
    {
        for (var i = 0; i < 120; i++)
        {
            using var response = await GetAsync(location, StaffToken);
            var job = await ReadObjectAsync(response, HttpStatusCode.OK);
            if (job["state"]!.GetValue<string>() is "succeeded" or "failed") return job;
            await Task.Delay(250);
        }
        Assert.Fail($"{location} did not finish in 30 s");
        return null!;
    }

    [Test]
    public async Task An_upload_is_202_with_the_job_and_its_location_and_the_job_imports_the_file()
    {
        var slug = Unique("imp");
        using var response = await UploadAsync(Csv($"Imported {slug},{slug},12.5", $"Other {slug},{slug}-2,3"), StaffToken);

        var queued = await ReadObjectAsync(response, HttpStatusCode.Accepted);
        var location = response.Headers.Location?.ToString();
        Assert.That(location, Is.EqualTo($"/api/imports/{IdOf(queued)}"));
        Assert.That(queued["state"]!.GetValue<string>(), Is.EqualTo("queued"));

        var job = await FinishedAsync(location!);
        Assert.Multiple(() =>
        {
            Assert.That(job["state"]!.GetValue<string>(), Is.EqualTo("succeeded"), job.ToJsonString());
            Assert.That(job["created"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(job["rowsDone"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(job["rowsTotal"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(job["finishedAt"]!.GetValue<DateTime>(), Is.Not.EqualTo(default(DateTime)));
        });
        using var product = await GetAsync($"/api/products/by-slug/{slug}", StaffToken);
        Assert.That((await ReadObjectAsync(product, HttpStatusCode.OK))["price"]!.GetValue<decimal>(), Is.EqualTo(12.5m));
    }

    [Test]
    public async Task A_file_with_bad_rows_fails_the_job_with_the_errors_by_line_and_field_and_writes_nothing()
    {
        var slug = Unique("bad");
        using var response = await UploadAsync(Csv($"Good {slug},{slug},1", $"Bad {slug},{slug}-2,-5", $",{slug}-3,1"), StaffToken);

        var job = await FinishedAsync(response.Headers.Location!.ToString());

        Assert.That(job["state"]!.GetValue<string>(), Is.EqualTo("failed"), job.ToJsonString());
        var errors = job["errors"]!.AsArray();
        Assert.That(errors.Select(e => (e!["line"]!.GetValue<int>(), e["field"]?.GetValue<string>())),
            Is.SupersetOf(new[] { (3, "price"), (4, "name") }), job.ToJsonString());
        Assert.That(job["errorCount"]!.GetValue<int>(), Is.EqualTo(errors.Count));
        Assert.That(job["message"]!.GetValue<string>(), Does.Contain("nothing was imported"));
        using var product = await GetAsync($"/api/products/by-slug/{slug}", StaffToken);
        Assert.That(product.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "all or nothing");
    }

    [Test]
    public async Task A_file_without_the_header_fails_the_job_with_the_reason()
    {
        using var response = await UploadAsync(Encoding.UTF8.GetBytes("just,some,text\n1,2,3\n"), StaffToken);
        var job = await FinishedAsync(response.Headers.Location!.ToString());
        Assert.That(job["state"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(job["message"]!.GetValue<string>(), Does.Contain("header"));
    }

    [Test]
    public async Task A_binary_file_is_415()
    {
        using var response = await UploadAsync([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF], StaffToken, "x.png");
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task No_file_part_is_400_keyed_file_and_a_json_body_is_415()
    {
        using var wrongPart = await UploadAsync(Csv("a,b,1"), StaffToken, part: "upload");
        await AssertProblemAsync(wrongPart, HttpStatusCode.BadRequest, "file");
        using var json = await SendAsync(HttpMethod.Post, "/api/imports", new { file = "x" }, StaffToken);
        await AssertProblemAsync(json, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task An_empty_file_is_400_keyed_file()
    {
        using var response = await UploadAsync([], StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "file");
    }

    [Test]
    public async Task Imports_are_for_staff_only()
    {
        using var anonymous = await UploadAsync(Csv("a,b,1"), null);
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        using var user = await UploadAsync(Csv("a,b,1"), UserToken);
        await AssertProblemAsync(user, HttpStatusCode.Forbidden);
        using var read = await GetAsync("/api/imports/1", UserToken);
        await AssertProblemAsync(read, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_unknown_job_is_404()
    {
        using var response = await GetAsync("/api/imports/987654321", StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_list_shows_the_newest_job_first()
    {
        var slug = Unique("list");
        using var response = await UploadAsync(Csv($"Listed {slug},{slug},1"), StaffToken, $"{slug}.csv");
        var id = IdOf(await ReadObjectAsync(response, HttpStatusCode.Accepted));

        var list = await ListAsync("/api/imports?pageSize=5", StaffToken);

        Assert.That(IdOf(list["items"]!.AsArray()[0]!), Is.EqualTo(id));
        Assert.That(list["items"]!.AsArray()[0]!["fileName"]!.GetValue<string>(), Is.EqualTo($"{slug}.csv"));
    }

    [Test]
    public async Task Concurrent_uploads_each_get_a_job_of_their_own_and_each_job_runs_once()
    {
        var slug = Unique("many");
        var uploads = await Task.WhenAll(Enumerable.Range(0, 5).Select(async i =>
        {
            using var r = await UploadAsync(Csv($"Many {slug} {i},{slug}-{i},{i + 1}"), StaffToken);
            return (r.StatusCode, r.Headers.Location?.ToString());
        }));

        Assert.That(uploads.Select(u => u.StatusCode), Is.All.EqualTo(HttpStatusCode.Accepted));
        Assert.That(uploads.Select(u => u.Item2).Distinct().Count(), Is.EqualTo(5));
        foreach (var (_, location) in uploads)
        {
            var job = await FinishedAsync(location!);
            Assert.That((job["state"]!.GetValue<string>(), job["attempts"]!.GetValue<int>(), job["created"]!.GetValue<int>()), Is.EqualTo(("succeeded", 1, 1)));
        }
    }
}
