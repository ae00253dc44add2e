using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Interfaces;
using Shop.Infrastructure.Persistence;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Service;

/// <summary>
/// <c>Idempotency-Key</c> on the API's POSTs: the same key and body replay the first answer, another body is a 422,
/// concurrent duplicates run once, keys are the caller's own, and they expire after 24 h.
/// </summary>
public sealed class IdempotencyKeyTests(string provider) : ApiTestBase(provider)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private Task<HttpResponseMessage> PostWithKeyAsync(string url, object body, string key, string? token = null) =>
        SendAsync(HttpMethod.Post, url, body, token ?? StaffToken, headers: h => h.Add("Idempotency-Key", key));

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> ReadAsync(HttpResponseMessage response) =>
        (response.StatusCode, await response.Content.ReadAsStringAsync(), response);

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";

    private Task<int> CountNamedAsync(string name) => Factory.Services.CreateScope().ServiceProvider
        .GetRequiredService<ShopDbContext>().Products.CountAsync(p => p.Name == name);

    [Test]
    public async Task The_same_key_and_body_replay_the_first_answer_with_its_status_headers_and_body()
    {
        var key = Unique("k");
        var body = ProductBody();

        using var first = await PostWithKeyAsync("/api/products", body, key);
        using var second = await PostWithKeyAsync("/api/products", body, key);

        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), firstBody);
        Assert.Multiple(async () =>
        {
            Assert.That(Replayed(first), Is.False);
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Replayed(second), Is.True);
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(firstBody));
            Assert.That(second.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(second.Headers.ETag, Is.EqualTo(first.Headers.ETag));
            Assert.That(second.Content.Headers.ContentType?.ToString(), Is.EqualTo(first.Content.Headers.ContentType?.ToString()));
            Assert.That(await CountNamedAsync(body["name"]!.GetValue<string>()), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_same_key_with_another_body_is_a_422_keyed_Idempotency_Key()
    {
        var key = Unique("k");
        using (var first = await PostWithKeyAsync("/api/products", ProductBody(), key)) Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var other = await PostWithKeyAsync("/api/products", ProductBody(), key);

        await AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
    }

    [Test]
    public async Task A_validation_failure_is_kept_and_replayed_too()
    {
        var key = Unique("k");
        var bad = new JsonObject { ["name"] = "", ["price"] = 1 };

        using var first = await PostWithKeyAsync("/api/products", bad, key);
        using var second = await PostWithKeyAsync("/api/products", bad, key);

        var firstProblem = await AssertProblemAsync(first, HttpStatusCode.BadRequest, "name");
        var secondProblem = await AssertProblemAsync(second, HttpStatusCode.BadRequest, "name");
        Assert.That(Replayed(second), Is.True);
        Assert.That(secondProblem.ToJsonString(), Is.EqualTo(firstProblem.ToJsonString()));
    }

    [Test]
    public async Task Twenty_identical_requests_at_once_create_one_product_and_all_get_the_same_201()
    {
        var key = Unique("k");
        var body = ProductBody();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            using var response = await PostWithKeyAsync("/api/products", body, key);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Location: response.Headers.Location);
        })));

        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.Created), string.Join("\n", answers.Select(a => a.Body)));
        Assert.That(answers.Select(a => a.Body).Distinct().Count(), Is.EqualTo(1));
        Assert.That(answers.Select(a => a.Location).Distinct().Count(), Is.EqualTo(1));
        Assert.That(await CountNamedAsync(body["name"]!.GetValue<string>()), Is.EqualTo(1));
    }

    [Test]
    public async Task Two_users_with_the_same_key_are_independent()
    {
        var key = Unique("k");
        var otherStaff = await NewUserTokenAsync(isStaff: true);
        var body = ProductBody();
        body["isActive"] = false; // so both creates may have the same name

        using var mine = await PostWithKeyAsync("/api/products", body, key);
        using var theirs = await PostWithKeyAsync("/api/products", body, key, otherStaff);

        var (a, b) = (await ReadObjectAsync(mine, HttpStatusCode.Created), await ReadObjectAsync(theirs, HttpStatusCode.Created));
        Assert.That(Replayed(theirs), Is.False);
        Assert.That(IdOf(b), Is.Not.EqualTo(IdOf(a)));
    }

    [Test]
    public async Task One_key_on_two_paths_is_two_keys()
    {
        var key = Unique("k");
        var id = IdOf(await CreateProductAsync());

        using var publish = await PostWithKeyAsync($"/api/products/{id}/publish", "", key);
        using var archive = await PostWithKeyAsync($"/api/products/{id}/archive", "", key);

        Assert.That((await ReadObjectAsync(publish, HttpStatusCode.OK))["status"]!.GetValue<string>(), Is.EqualTo("published"));
        Assert.That((await ReadObjectAsync(archive, HttpStatusCode.OK))["status"]!.GetValue<string>(), Is.EqualTo("archived"));
    }

    [TestCase("tab\there")]
    [TestCase("café")]
    public async Task A_malformed_key_is_a_400_keyed_Idempotency_Key(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/products") { Content = JsonContent(ProductBody()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StaffToken);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Test]
    public async Task A_key_longer_than_255_characters_is_a_400()
    {
        using var response = await PostWithKeyAsync("/api/products", ProductBody(), new string('k', 256));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Test]
    public async Task Without_credentials_the_answer_is_401_and_nothing_is_kept()
    {
        var key = Unique("k");
        var body = ProductBody();
        using (var anonymous = await SendAsync(HttpMethod.Post, "/api/products", body, headers: h => h.Add("Idempotency-Key", key)))
            await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);

        using var signedIn = await PostWithKeyAsync("/api/products", body, key);

        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(Replayed(signedIn), Is.False);
    }

    [Test]
    public async Task Token_answers_are_never_kept()
    {
        var userName = await NewUserAsync(isStaff: true);
        var body = new { username = userName, password = Password };

        using var first = await SendAsync(HttpMethod.Post, "/api/token", body, StaffToken, headers: h => h.Add("Idempotency-Key", "token-key"));
        using var second = await SendAsync(HttpMethod.Post, "/api/token", body, StaffToken, headers: h => h.Add("Idempotency-Key", "token-key"));

        var (a, b) = (await ReadObjectAsync(first, HttpStatusCode.OK), await ReadObjectAsync(second, HttpStatusCode.OK));
        Assert.That(Replayed(second), Is.False);
        Assert.That(b["refresh"]!.GetValue<string>(), Is.Not.EqualTo(a["refresh"]!.GetValue<string>()));
        var kept = await Factory.Services.CreateScope().ServiceProvider.GetRequiredService<ShopDbContext>().Database
            .SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "IdempotencyKeys" WHERE "Key" = 'token-key'""").SingleAsync();
        Assert.That(kept, Is.Zero);
    }

    [Test]
    public async Task An_image_upload_is_replayed_from_its_raw_multipart_body()
    {
        var id = IdOf(await CreateProductAsync());
        var key = Unique("k");
        // A retry sends the same bytes, boundary included.
        async Task<HttpResponseMessage> UploadAsync()
        {
            var form = new MultipartFormDataContent("fixed-boundary");
            var file = new ByteArrayContent(Png);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "photo.png");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{id}/images") { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StaffToken);
            request.Headers.Add("Idempotency-Key", key);
            return await Client.SendAsync(request);
        }

        using var first = await UploadAsync();
        using var second = await UploadAsync();

        var image = await ReadObjectAsync(first, HttpStatusCode.Created);
        Assert.That(IdOf(await ReadObjectAsync(second, HttpStatusCode.Created)), Is.EqualTo(IdOf(image)));
        Assert.That(Replayed(second), Is.True);
        Assert.That((await GetProductAsStaffAsync(id))["images"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task After_24_hours_a_key_runs_again_and_the_cleanup_removes_old_entries()
    {
        var key = Unique("k");
        using (var first = await PostWithKeyAsync("/api/products", ProductBody(), key)) Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var dayAgo = DateTime.UtcNow.AddHours(-25);
        await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "IdempotencyKeys" SET "CreatedAt" = {dayAgo} WHERE "Key" = {key}""");

        using (var again = await PostWithKeyAsync("/api/products", ProductBody(), key))
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created), "an expired key is a new key: another body runs");
            Assert.That(Replayed(again), Is.False);
        }
        await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "IdempotencyKeys" SET "CreatedAt" = {dayAgo} WHERE "Key" = {key}""");
        var removed = await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().RemoveExpiredAsync(DateTime.UtcNow, CancellationToken.None);

        Assert.That(removed, Is.GreaterThanOrEqualTo(1));
        var left = await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "IdempotencyKeys" WHERE "Key" = {key}""").SingleAsync();
        Assert.That(left, Is.Zero);
    }

    [Test]
    public async Task The_OpenAPI_document_shows_the_header_on_the_API_s_POSTs_but_not_on_the_token_endpoints()
    {
        var paths = (await ListAsync("/openapi/v1.json"))["paths"]!;

        static IEnumerable<string?> HeadersOf(JsonNode? operation) =>
            operation?["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "header").Select(p => p!["name"]!.GetValue<string>()) ?? [];

        Assert.Multiple(() =>
        {
            foreach (var path in new[] { "/api/products", "/api/products/bulk", "/api/products/{id}/publish", "/api/products/{id}/images", "/api/categories", "/api/tags" })
            {
                Assert.That(HeadersOf(paths[path]!["post"]), Has.Member("Idempotency-Key"), path);
                Assert.That(paths[path]!["post"]!["responses"]!["422"], Is.Not.Null, path);
            }
            Assert.That(HeadersOf(paths["/api/token"]!["post"]), Has.No.Member("Idempotency-Key"));
            Assert.That(HeadersOf(paths["/api/products/{id}"]!["put"]), Has.No.Member("Idempotency-Key"));
        });
    }

    private static StringContent JsonContent(JsonNode body)
    {
        var content = new StringContent(body.ToJsonString());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
