using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.Persistence;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>
/// Anonymous catalog reads are served from the output cache; every kind of write evicts them at once, and a caller
/// with credentials never gets, nor fills, a cached answer.
/// </summary>
public sealed class OutputCacheTests(string provider) : ApiTestBase(provider)
{
    private async Task<string?> AnonymousNameAsync(int id) =>
        (await ListAsync($"/api/products?search={Uri.EscapeDataString(Marker(id))}"))["items"]!.AsArray().FirstOrDefault()?["name"]?.GetValue<string>();

    private readonly Dictionary<int, string> _markers = [];

    private string Marker(int id) => _markers[id];

    private async Task<JsonObject> ListedAsync(string marker, Action<JsonObject>? change = null)
    {
        var body = ProductBody($"Cached {marker}");
        change?.Invoke(body);
        var product = await CreatePublishedProductAsync(body);
        _markers[IdOf(product)] = marker;
        return product;
    }

    /// <summary>Renames the product in the database directly: a write this app's cache cannot know of.</summary>
    private async Task RenameBehindTheAppsBackAsync(int id, string name)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        await db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, name));
    }

    private async Task<JsonObject> DetailAsync(int id, string? token = null)
    {
        using var response = await GetAsync($"/api/products/{id}", token);
        return await ReadObjectAsync(response, HttpStatusCode.OK);
    }

    [Test]
    public async Task Anonymous_reads_are_served_from_the_cache_while_staff_read_the_database()
    {
        var product = await ListedAsync(Unique("c"));
        var id = IdOf(product);
        await DetailAsync(id);

        await RenameBehindTheAppsBackAsync(id, "Renamed behind the cache");

        Assert.Multiple(async () =>
        {
            Assert.That((await DetailAsync(id))["name"]!.GetValue<string>(), Is.EqualTo(product["name"]!.GetValue<string>()), "anonymous: cached");
            Assert.That((await DetailAsync(id, StaffToken))["name"]!.GetValue<string>(), Is.EqualTo("Renamed behind the cache"), "staff: never cached");
            Assert.That((await DetailAsync(id, UserToken))["name"]!.GetValue<string>(), Is.EqualTo("Renamed behind the cache"), "a signed-in user: never cached");
        });
    }

    [Test]
    public async Task A_staff_answer_is_never_served_to_an_anonymous_caller()
    {
        var marker = Unique("c");
        var draft = ProductBody($"Draft {marker}");
        await CreateProductAsync(draft);
        var url = $"/api/products?search={marker}";

        var staff = await ListAsync(url, StaffToken);
        var anonymous = await ListAsync(url);

        Assert.Multiple(() =>
        {
            Assert.That(Ids(staff), Has.Count.EqualTo(1), "staff see the draft");
            Assert.That(Ids(anonymous), Is.Empty, "the anonymous caller does not, though staff asked the same URL first");
        });
    }

    [Test]
    public async Task Product_writes_show_to_anonymous_readers_at_once()
    {
        var product = await ListedAsync(Unique("c"));
        var id = IdOf(product);
        Assert.That(await AnonymousNameAsync(id), Is.Not.Null);
        await DetailAsync(id);

        using (var patch = await SendAsync(HttpMethod.Patch, $"/api/products/{id}", new JsonObject { ["name"] = $"Patched {Marker(id)}" }, StaffToken, MergePatch))
            Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.Multiple(async () =>
        {
            Assert.That(await AnonymousNameAsync(id), Is.EqualTo($"Patched {Marker(id)}"), "list");
            Assert.That((await DetailAsync(id))["name"]!.GetValue<string>(), Is.EqualTo($"Patched {Marker(id)}"), "detail");
        });

        using (var archive = await SendAsync(HttpMethod.Post, $"/api/products/{id}/archive", null, StaffToken))
            Assert.That(archive.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var hidden = await GetAsync($"/api/products/{id}");
        Assert.Multiple(async () =>
        {
            Assert.That(hidden.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "archived: hidden at once");
            Assert.That(await AnonymousNameAsync(id), Is.Null);
        });
    }

    [Test]
    public async Task Category_and_tag_renames_show_in_cached_product_answers_at_once()
    {
        var category = await CreateCategoryAsync();
        var tag = await CreateTagAsync();
        var product = await ListedAsync(Unique("c"), b =>
        {
            b["categoryId"] = IdOf(category);
            b["tags"] = new JsonArray(new JsonObject { ["slug"] = tag["slug"]!.GetValue<string>() });
        });
        var id = IdOf(product);
        await DetailAsync(id);
        var categoryName = Unique("Renamed category ");
        var tagName = Unique("t");

        using (var rename = await SendAsync(HttpMethod.Patch, $"/api/categories/{IdOf(category)}", new { name = categoryName }, StaffToken))
            Assert.That(rename.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var rename = await SendAsync(HttpMethod.Put, $"/api/tags/{IdOf(tag)}", new { name = tagName }, StaffToken))
            Assert.That(rename.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var detail = await DetailAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(detail["category"]!["name"]!.GetValue<string>(), Is.EqualTo(categoryName));
            Assert.That(detail["tags"]![0]!["name"]!.GetValue<string>(), Is.EqualTo(tagName));
        });
    }

    [Test]
    public async Task A_deleted_product_is_gone_for_anonymous_readers_at_once()
    {
        var product = await ListedAsync(Unique("c"));
        var id = IdOf(product);
        await DetailAsync(id);

        using (var delete = await SendAsync(HttpMethod.Delete, $"/api/products/{id}", null, StaffToken))
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var gone = await GetAsync($"/api/products/{id}");

        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_cached_detail_still_answers_304_to_its_etag()
    {
        var id = IdOf(await ListedAsync(Unique("c")));
        using var first = await GetAsync($"/api/products/{id}");
        var etag = first.Headers.ETag!.Tag;
        using var cached = await GetAsync($"/api/products/{id}");
        using var notModified = await GetAsync($"/api/products/{id}", headers: h => h.IfNoneMatch.ParseAdd(etag));

        Assert.Multiple(() =>
        {
            Assert.That(cached.Headers.ETag?.Tag, Is.EqualTo(etag), "the cached answer keeps its ETag");
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        });
    }
}
