using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Catalog;

public sealed class TagTests(string provider) : ApiTestBase(provider)
{
    private static JsonArray TagLinks(params JsonObject[] tags) =>
        new(tags.Select(t => (JsonNode)new JsonObject { ["slug"] = t["slug"]!.GetValue<string>(), ["weight"] = 1 }).ToArray());

    private async Task<JsonObject> FindInListAsync(int id, string? token = null)
    {
        var page = await ListAsync("/api/tags?pageSize=100", token);
        var item = page["items"]!.AsArray().SingleOrDefault(i => IdOf(i!) == id);
        Assert.That(item, Is.Not.Null, $"tag {id} in {page.ToJsonString()}");
        return item!.AsObject();
    }

    [Test]
    public async Task List_is_ordered_by_name_with_a_visible_productCount()
    {
        var marker = Unique("t");
        var b = await CreateTagAsync($"{marker}b");
        var a = await CreateTagAsync($"{marker}a");
        var visible = ProductBody();
        visible["tags"] = TagLinks(a);
        await CreatePublishedProductAsync(visible);
        var hidden = ProductBody();
        hidden["tags"] = TagLinks(a);
        await CreateProductAsync(hidden);

        var page = await ListAsync("/api/tags?pageSize=100");
        var ours = page["items"]!.AsArray().Where(i => i!["name"]!.GetValue<string>().StartsWith(marker, StringComparison.Ordinal)).Select(i => IdOf(i!));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(ours, Is.EqualTo(new[] { IdOf(a), IdOf(b) }));
            Assert.That((await FindInListAsync(IdOf(a)))["productCount"]!.GetValue<int>(), Is.EqualTo(1), "anonymous");
            Assert.That((await FindInListAsync(IdOf(a), StaffToken))["productCount"]!.GetValue<int>(), Is.EqualTo(2), "staff");
            Assert.That((await FindInListAsync(IdOf(b)))["productCount"]!.GetValue<int>(), Is.Zero);
        });
    }

    [Test]
    public async Task Create_answers_201_with_Location_and_a_slug_made_from_the_name()
    {
        var marker = Unique("")[..16];
        using var response = await SendAsync(HttpMethod.Post, "/api/tags", new { name = $"Hot Swap {marker}" }, StaffToken);

        var tag = await ReadObjectAsync(response, HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(tag["name"]!.GetValue<string>(), Is.EqualTo($"Hot Swap {marker}"));
            Assert.That(tag["slug"]!.GetValue<string>(), Is.EqualTo($"hot-swap-{marker}"));
            Assert.That(tag["productCount"]!.GetValue<int>(), Is.Zero);
            Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/api/tags/{IdOf(tag)}"));
        });
    }

    [Test]
    public async Task Duplicate_name_is_409()
    {
        var tag = await CreateTagAsync();
        using var response = await SendAsync(HttpMethod.Post, "/api/tags", new { name = tag["name"]!.GetValue<string>() }, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [TestCase("""{"name": "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN"}""", TestName = "Tag_name_of_41_chars_is_400")]
    [TestCase("""{"name": ""}""", TestName = "Tag_empty_name_is_400")]
    [TestCase("""{}""", TestName = "Tag_missing_name_is_400")]
    public async Task Invalid_tag_name_is_400(string body)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/tags", body, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "name");
    }

    [Test]
    public async Task Tag_name_of_40_chars_is_accepted()
    {
        var name = Unique("").PadRight(40, 'x');
        Assert.That((await CreateTagAsync(name))["name"]!.GetValue<string>(), Is.EqualTo(name));
    }

    [Test]
    public async Task Put_renames_the_tag()
    {
        var tag = await CreateTagAsync();
        var name = Unique("renamed");

        using var response = await SendAsync(HttpMethod.Put, $"/api/tags/{IdOf(tag)}", new { name }, StaffToken);

        Assert.That((await ReadObjectAsync(response, HttpStatusCode.OK))["name"]!.GetValue<string>(), Is.EqualTo(name));
        using var get = await GetAsync($"/api/tags/{IdOf(tag)}");
        Assert.That((await ReadObjectAsync(get, HttpStatusCode.OK))["name"]!.GetValue<string>(), Is.EqualTo(name));
    }

    [Test]
    public async Task Put_to_a_taken_name_is_409()
    {
        var taken = await CreateTagAsync();
        var tag = await CreateTagAsync();
        using var response = await SendAsync(HttpMethod.Put, $"/api/tags/{IdOf(tag)}", new { name = taken["name"]!.GetValue<string>() }, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Delete_removes_the_tag_from_its_products_and_keeps_the_products()
    {
        var doomed = await CreateTagAsync();
        var kept = await CreateTagAsync();
        var body = ProductBody();
        body["tags"] = TagLinks(doomed, kept);
        var product = await CreateProductAsync(body);
        Assert.That(product["tags"]!.AsArray(), Has.Count.EqualTo(2));

        using var response = await SendAsync(HttpMethod.Delete, $"/api/tags/{IdOf(doomed)}", token: StaffToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var after = await GetProductAsStaffAsync(IdOf(product));
        Assert.That(after["tags"]!.AsArray().Select(t => IdOf(t!)), Is.EqualTo(new[] { IdOf(kept) }));
        using var get = await GetAsync($"/api/tags/{IdOf(doomed)}");
        await AssertProblemAsync(get, HttpStatusCode.NotFound);
    }

    [TestCase("GET")]
    [TestCase("PUT")]
    [TestCase("DELETE")]
    public async Task Unknown_tag_is_404(string method)
    {
        var body = method == "PUT" ? new { name = Unique("ghost") } : null;
        using var response = await SendAsync(new HttpMethod(method), "/api/tags/987654321", body, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }
}
