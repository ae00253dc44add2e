using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Domain.History;
using Shop.Infrastructure.Persistence;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.History;

/// <summary>GET /api/products/{id}/history, and that every write path leaves its entry there.</summary>
public sealed class ProductHistoryTests(string provider) : ApiTestBase(provider)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private async Task<JsonObject> HistoryAsync(int id, string query = "")
    {
        using var response = await GetAsync($"/api/products/{id}/history{query}", StaffToken);
        return await ReadObjectAsync(response, HttpStatusCode.OK);
    }

    private async Task<List<JsonObject>> EntriesAsync(int id) =>
        (await HistoryAsync(id, "?pageSize=100"))["items"]!.AsArray().Select(e => e!.AsObject()).ToList();

    private static JsonObject? Change(JsonObject entry, string field) =>
        entry["changes"]!.AsArray().Select(c => c!.AsObject()).FirstOrDefault(c => c["field"]!.GetValue<string>() == field);

    private static string Action(JsonObject entry) => entry["action"]!.GetValue<string>();

    private async Task SendOkAsync(HttpMethod method, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(method, url, body, StaffToken);
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Create_records_who_when_and_every_field()
    {
        var before = DateTime.UtcNow.AddSeconds(-5);
        var product = await CreateProductAsync(ProductBody("History Lamp", 12.5m));

        var page = await HistoryAsync(IdOf(product));

        var entry = page["items"]!.AsArray().Single()!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(page["totalCount"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(Action(entry), Is.EqualTo("created"));
            Assert.That(entry["at"]!.GetValue<DateTime>().ToUniversalTime(), Is.GreaterThan(before));
            Assert.That(entry["at"]!.GetValue<string>(), Does.EndWith("Z"));
            Assert.That(entry["user"]!["username"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(entry["user"]!["id"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(Change(entry, "name")!["new"]!.GetValue<string>(), Is.EqualTo("History Lamp"));
            Assert.That(Change(entry, "name")!["old"], Is.Null);
            Assert.That(Change(entry, "price")!["new"]!.ToJsonString(), Is.EqualTo("12.5"));
            Assert.That(Change(entry, "status")!["new"]!.GetValue<string>(), Is.EqualTo("draft"));
            Assert.That(Change(entry, "specs")!["new"]!.ToJsonString(), Is.EqualTo("{}"));
        });
    }

    [Test]
    public async Task Every_write_path_leaves_its_entry_newest_first()
    {
        var tag = await CreateTagAsync();
        var category = await CreateCategoryAsync();
        var id = IdOf(await CreateProductAsync(ProductBody("Path Lamp", 10m)));

        var replace = ProductBody("Path Lamp", 11m);
        replace["categoryId"] = IdOf(category);
        await SendOkAsync(HttpMethod.Put, $"/api/products/{id}", replace);
        await SendOkAsync(HttpMethod.Patch, $"/api/products/{id}",
            new JsonObject { ["tags"] = new JsonArray(new JsonObject { ["slug"] = tag["slug"]!.GetValue<string>(), ["weight"] = 3 }), ["specs"] = new JsonObject { ["watts"] = 40 } });
        await SendOkAsync(HttpMethod.Post, $"/api/products/{id}/publish");
        await SendOkAsync(HttpMethod.Post, $"/api/products/{id}/price-adjustments", new JsonObject { ["amount"] = -1.5 });
        using (var upload = await UploadAsync(id))
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var imageId = IdOf((await GetProductAsStaffAsync(id))["images"]!.AsArray()[0]!);
        await SendOkAsync(HttpMethod.Delete, $"/api/products/{id}/images/{imageId}", expected: HttpStatusCode.NoContent);
        await SendOkAsync(HttpMethod.Post, $"/api/products/{id}/archive");

        var entries = await EntriesAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(Action), Is.EqualTo(new[] { "updated", "updated", "updated", "price-adjusted", "updated", "updated", "updated", "created" }));
            var ids = entries.Select(e => e["id"]!.GetValue<long>()).ToList();
            Assert.That(ids, Is.Ordered.Descending, "newest first");
            Assert.That(Change(entries[7 - 1], "price")!["new"]!.ToJsonString(), Is.EqualTo("11"), "PUT");
            Assert.That(Change(entries[7 - 1], "categoryId")!["new"]!.GetValue<int>(), Is.EqualTo(IdOf(category)), "PUT");
            Assert.That(Change(entries[5], "tags")!["new"]!.ToJsonString(), Is.EqualTo($"[{{\"slug\":\"{tag["slug"]}\",\"weight\":3}}]"), "PATCH");
            Assert.That(Change(entries[5], "specs")!["new"]!.ToJsonString(), Is.EqualTo("{\"watts\":40}"), "PATCH");
            Assert.That(Change(entries[5], "name"), Is.Null, "only what changed");
            Assert.That(Change(entries[4], "status")!["new"]!.GetValue<string>(), Is.EqualTo("published"), "publish");
            Assert.That((Change(entries[3], "price")!["old"]!.ToJsonString(), Change(entries[3], "price")!["new"]!.ToJsonString()), Is.EqualTo(("11", "9.5")), "adjustment");
            Assert.That(Change(entries[2], "images")!["new"]!.AsArray().Single()!["id"]!.GetValue<int>(), Is.EqualTo(imageId), "image added");
            Assert.That(Change(entries[1], "images")!["new"]!.AsArray(), Is.Empty, "image removed");
            Assert.That(Change(entries[0], "status")!["new"]!.GetValue<string>(), Is.EqualTo("archived"), "archive");
        });
    }

    [Test]
    public async Task Bulk_create_records_one_created_entry_per_product()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products/bulk", new JsonArray(ProductBody(), ProductBody()), StaffToken);
        var created = (await ReadObjectAsync(response, HttpStatusCode.Created))["items"]!.AsArray();

        foreach (var product in created)
            Assert.That((await EntriesAsync(IdOf(product!))).Select(Action), Is.EqualTo(new[] { "created" }));
    }

    [Test]
    public async Task A_deleted_products_history_stays_readable_with_its_deleted_entry()
    {
        var id = IdOf(await CreateProductAsync(ProductBody("Gone Lamp")));
        await SendOkAsync(HttpMethod.Delete, $"/api/products/{id}", expected: HttpStatusCode.NoContent);

        var entries = await EntriesAsync(id);

        Assert.That(entries.Select(Action), Is.EqualTo(new[] { "deleted", "created" }));
        Assert.That(Change(entries[0], "name")!["old"]!.GetValue<string>(), Is.EqualTo("Gone Lamp"));
    }

    [Test]
    public async Task A_refused_write_records_nothing()
    {
        var id = IdOf(await CreateProductAsync(ProductBody(price: 5m)));

        using (var refused = await SendAsync(HttpMethod.Post, $"/api/products/{id}/price-adjustments", new JsonObject { ["amount"] = -6 }, StaffToken))
            await AssertProblemAsync(refused, HttpStatusCode.Conflict, "amount");
        using (var bad = await SendAsync(HttpMethod.Post, $"/api/products/{id}/archive", null, StaffToken))
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var refusedMove = await SendAsync(HttpMethod.Post, $"/api/products/{id}/publish", null, StaffToken))
            await AssertProblemAsync(refusedMove, HttpStatusCode.Conflict, "status");

        Assert.That((await EntriesAsync(id)).Select(Action), Is.EqualTo(new[] { "updated", "created" }));
    }

    [Test]
    public async Task Twenty_concurrent_adjustments_leave_twenty_entries_in_one_unbroken_chain()
    {
        var id = IdOf(await CreateProductAsync(ProductBody(price: 100m)));

        var responses = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            SendAsync(HttpMethod.Post, $"/api/products/{id}/price-adjustments", new JsonObject { ["amount"] = i }, StaffToken)));
        foreach (var r in responses) { Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK)); r.Dispose(); }

        // Every amount is positive, so the price only rises: ordered by the price it started from, each adjustment starts
        // exactly where the one before it ended (an entry computed from a stale read would break the chain).
        var chain = (await EntriesAsync(id)).Where(e => Action(e) == "price-adjusted")
            .Select(e => (Old: Change(e, "price")!["old"]!.GetValue<decimal>(), New: Change(e, "price")!["new"]!.GetValue<decimal>()))
            .OrderBy(c => c.Old).ToList();
        Assert.That(chain, Has.Count.EqualTo(20));
        Assert.That(chain[0].Old, Is.EqualTo(100m));
        for (var i = 1; i < chain.Count; i++) Assert.That(chain[i].Old, Is.EqualTo(chain[i - 1].New));
        Assert.That(chain[^1].New, Is.EqualTo(310m));
        Assert.That((await GetProductAsStaffAsync(id))["price"]!.GetValue<decimal>(), Is.EqualTo(310m));
    }

    [Test]
    public async Task Pages_like_the_other_lists()
    {
        var id = IdOf(await CreateProductAsync());
        for (var i = 1; i <= 4; i++)
            await SendOkAsync(HttpMethod.Post, $"/api/products/{id}/price-adjustments", new JsonObject { ["amount"] = i });

        var first = await HistoryAsync(id, "?page=1&pageSize=2");
        var last = await HistoryAsync(id, "?page=3&pageSize=2");
        var past = await HistoryAsync(id, "?page=4&pageSize=2");

        Assert.Multiple(() =>
        {
            Assert.That((first["page"]!.GetValue<int>(), first["pageSize"]!.GetValue<int>(), first["totalCount"]!.GetValue<int>(), first["totalPages"]!.GetValue<int>()),
                Is.EqualTo((1, 2, 5, 3)));
            Assert.That(first["next"]!.GetValue<string>(), Does.Contain("page=2"));
            Assert.That(first["previous"], Is.Null);
            Assert.That(Change(first["items"]![0]!.AsObject(), "price")!["new"]!.ToJsonString(), Is.EqualTo("20"), "the last adjustment first");
            Assert.That(last["items"]!.AsArray().Select(e => Action(e!.AsObject())), Is.EqualTo(new[] { "created" }));
            Assert.That(last["next"], Is.Null);
            Assert.That(past["items"]!.AsArray(), Is.Empty);
        });
    }

    [TestCase("?page=0")]
    [TestCase("?pageSize=0")]
    [TestCase("?pageSize=101")]
    public async Task Bad_paging_is_400(string query)
    {
        var id = IdOf(await CreateProductAsync());
        using var response = await GetAsync($"/api/products/{id}/history{query}", StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Is_staff_only_and_404_for_an_unknown_id()
    {
        var id = IdOf(await CreatePublishedProductAsync());

        using (var anonymous = await GetAsync($"/api/products/{id}/history"))
            await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        using (var user = await GetAsync($"/api/products/{id}/history", UserToken))
            await AssertProblemAsync(user, HttpStatusCode.Forbidden);
        using (var unknown = await GetAsync("/api/products/987654321/history", StaffToken))
            await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Category_and_tag_writes_are_recorded_on_their_own_row()
    {
        var category = await CreateCategoryAsync();
        using (var rename = await SendAsync(HttpMethod.Patch, $"/api/categories/{IdOf(category)}", new JsonObject { ["name"] = Unique("Renamed") }, StaffToken))
            Assert.That(rename.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var rows = await HistoryRowsAsync("category", IdOf(category));

        Assert.That(rows.Select(r => r.Action), Is.EqualTo(new[] { "created", "updated" }));
        Assert.That(rows[1].ChangesJson, Does.Contain("\"field\":\"name\""));
    }

    [Test]
    public async Task Is_in_the_OpenAPI_document()
    {
        using var response = await GetAsync("/openapi/v1.json");
        var paths = (await ReadObjectAsync(response, HttpStatusCode.OK))["paths"]!.AsObject();

        var get = paths["/api/products/{id}/history"]!["get"]!.AsObject();
        Assert.That(get["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "200", "401", "403", "404" }));
    }

    private async Task<List<HistoryEntry>> HistoryRowsAsync(string kind, int id)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        return await db.History.Where(h => h.EntityType == kind && h.EntityId == id).OrderBy(h => h.Id).ToListAsync();
    }

    private async Task<HttpResponseMessage> UploadAsync(int productId)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "a.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{productId}/images") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StaffToken);
        return await Client.SendAsync(request);
    }
}
