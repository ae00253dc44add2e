using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>
/// N identical writes at once get the answer one write gets. Without <c>If-Match</c> a write is last-writer-wins and
/// never a 412; with it, exactly one of the writers holding the same ETag wins.
/// </summary>
public sealed class ConcurrentWriteTests(string provider) : ApiTestBase(provider)
{
    private const int Writers = 10;

    private async Task<List<(HttpStatusCode Status, string Body)>> AllAtOnceAsync(IEnumerable<Func<Task<HttpResponseMessage>>> requests)
    {
        var responses = await Task.WhenAll(requests.Select(r => Task.Run(r)));
        var answers = new List<(HttpStatusCode, string)>();
        foreach (var response in responses)
        {
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
            response.Dispose();
        }
        return answers;
    }

    private static string Describe(IEnumerable<(HttpStatusCode Status, string Body)> answers) =>
        string.Join("\n", answers.Select(a => $"{(int)a.Status} {a.Body}"));

    [Test]
    public async Task Patches_without_If_Match_all_succeed_and_the_last_one_wins()
    {
        var tag = await CreateTagAsync();
        var product = await CreateProductAsync();
        var id = IdOf(product);

        var answers = await AllAtOnceAsync(Enumerable.Range(1, Writers).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            SendAsync(HttpMethod.Patch, $"/api/products/{id}",
                new JsonObject { ["price"] = 100 + i, ["tags"] = new JsonArray(new JsonObject { ["slug"] = tag["slug"]!.GetValue<string>(), ["weight"] = i }) },
                StaffToken, MergePatch))));

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.OK), Describe(answers));
        var stored = await GetProductAsStaffAsync(id);
        Assert.That(stored["price"]!.GetValue<decimal>(), Is.InRange(101m, 100m + Writers));
        Assert.That(stored["tags"]!.AsArray(), Has.Count.EqualTo(1), "one writer's whole tag set, not a mix");
    }

    [Test]
    public async Task Replaces_without_If_Match_all_succeed()
    {
        var product = await CreateProductAsync();
        var id = IdOf(product);
        var name = product["name"]!.GetValue<string>();

        var answers = await AllAtOnceAsync(Enumerable.Range(1, Writers).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            SendAsync(HttpMethod.Put, $"/api/products/{id}", new { name, price = 200 + i, description = "put " + i }, StaffToken))));

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.OK), Describe(answers));
    }

    [Test]
    public async Task Publishes_at_once_all_answer_200_with_one_publishedAt()
    {
        var id = IdOf(await CreateProductAsync());

        var answers = await AllAtOnceAsync(Enumerable.Range(0, Writers).Select(_ => (Func<Task<HttpResponseMessage>>)(() =>
            SendAsync(HttpMethod.Post, $"/api/products/{id}/publish", token: StaffToken))));

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.OK), Describe(answers));
        var publishedAts = answers.Select(a => JsonNode.Parse(a.Body)!["publishedAt"]!.GetValue<string>()).Distinct().ToList();
        Assert.That(publishedAts, Has.Count.EqualTo(1), string.Join(", ", publishedAts));
        Assert.That((await GetProductAsStaffAsync(id))["publishedAt"]!.GetValue<string>(), Is.EqualTo(publishedAts[0]));
    }

    [Test]
    public async Task Adjustments_mixed_with_patches_and_archives_lose_no_update_and_answer_no_412()
    {
        var id = IdOf(await CreateProductAsync(ProductBody(price: 1000m)));

        var requests = Enumerable.Range(0, Writers).SelectMany(i => new Func<Task<HttpResponseMessage>>[]
        {
            () => SendAsync(HttpMethod.Post, $"/api/products/{id}/price-adjustments", new { amount = 5 }, StaffToken),
            () => SendAsync(HttpMethod.Patch, $"/api/products/{id}", new { description = "d" + i }, StaffToken, MergePatch),
            () => SendAsync(HttpMethod.Post, $"/api/products/{id}/archive", token: StaffToken),
        });
        var answers = await AllAtOnceAsync(requests);

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.OK), Describe(answers));
        Assert.That((await GetProductAsStaffAsync(id))["price"]!.GetValue<decimal>(), Is.EqualTo(1000m + 5 * Writers));
    }

    [Test]
    public async Task A_delete_racing_patches_answers_204_200_or_404_only()
    {
        var id = IdOf(await CreateProductAsync());

        var requests = Enumerable.Range(0, Writers).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            SendAsync(HttpMethod.Patch, $"/api/products/{id}", new { price = 300 + i }, StaffToken, MergePatch))).ToList();
        requests.Insert(Writers / 2, () => SendAsync(HttpMethod.Delete, $"/api/products/{id}", token: StaffToken));
        requests.Add(() => SendAsync(HttpMethod.Delete, $"/api/products/{id}", token: StaffToken));
        var answers = await AllAtOnceAsync(requests);

        Assert.That(answers.Select(a => a.Status), Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.NotFound), Describe(answers));
        Assert.That(answers.Count(a => a.Status == HttpStatusCode.NoContent), Is.EqualTo(1), Describe(answers));
        using var gone = await GetAsync($"/api/products/{id}", StaffToken);
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Puts_with_the_same_If_Match_let_exactly_one_through()
    {
        var product = await CreateProductAsync();
        var id = IdOf(product);
        using var get = await GetAsync($"/api/products/{id}", StaffToken);
        var etag = get.Headers.ETag!;

        var answers = await AllAtOnceAsync(Enumerable.Range(1, Writers).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            SendAsync(HttpMethod.Put, $"/api/products/{id}", new { name = product["name"]!.GetValue<string>(), price = 400 + i }, StaffToken,
                headers: h => h.IfMatch.Add(etag)))));

        Assert.That(answers.Count(a => a.Status == HttpStatusCode.OK), Is.EqualTo(1), Describe(answers));
        Assert.That(answers.Count(a => a.Status == HttpStatusCode.PreconditionFailed), Is.EqualTo(Writers - 1), Describe(answers));
    }

    [TestCase("W/")]
    [TestCase("garbage")]
    public async Task A_weak_or_malformed_If_Match_never_matches(string kind)
    {
        var id = IdOf(await CreateProductAsync());
        using var get = await GetAsync($"/api/products/{id}", StaffToken);
        var tag = get.Headers.ETag!.Tag;
        var header = kind == "W/" ? "W/" + tag : "not-an-etag";

        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{id}", new { price = 7 }, StaffToken, MergePatch,
            h => h.TryAddWithoutValidation("If-Match", header));

        await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.That((await GetProductAsStaffAsync(id))["price"]!.GetValue<decimal>(), Is.Not.EqualTo(7m), "nothing written");
    }

    [Test]
    public async Task Image_uploads_racing_patches_all_succeed()
    {
        var id = IdOf(await CreateProductAsync());
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

        var requests = Enumerable.Range(0, 4).SelectMany(i => new Func<Task<HttpResponseMessage>>[]
        {
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{id}/images");
                var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(png);
                file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                form.Add(file, "file", "p.png");
                request.Content = form;
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StaffToken);
                return await Client.SendAsync(request);
            },
            () => SendAsync(HttpMethod.Patch, $"/api/products/{id}", new { price = 500 + i }, StaffToken, MergePatch),
        });
        var answers = await AllAtOnceAsync(requests);

        Assert.That(answers.Select(a => a.Status), Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Created), Describe(answers));
        Assert.That((await GetProductAsStaffAsync(id))["images"]!.AsArray(), Has.Count.EqualTo(4));
    }
}
