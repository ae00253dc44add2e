using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

public sealed class ProductUpdateTests(string provider) : ApiTestBase(provider)
{
    /// <summary>An inactive published product with a given slug, a description, a category, a tag and specs.</summary>
    private async Task<JsonObject> CreateFullProductAsync()
    {
        var category = await CreateCategoryAsync();
        var tag = await CreateTagAsync();
        var body = ProductBody();
        body["slug"] = Unique("full-");
        body["description"] = "Described.";
        body["categoryId"] = IdOf(category);
        body["tags"] = new JsonArray(new JsonObject { ["slug"] = tag["slug"]!.GetValue<string>(), ["weight"] = 3 });
        body["specs"] = new JsonObject { ["color"] = "red" };
        body["isActive"] = false;
        return await CreatePublishedProductAsync(body);
    }

    private async Task<EntityTagHeaderValue> ETagOfAsync(int id)
    {
        using var response = await GetAsync($"/api/products/{id}", StaffToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.ETag, Is.Not.Null, "ETag header");
        return response.Headers.ETag!;
    }

    [Test]
    public async Task Put_replaces_every_writable_field_omitted_ones_take_defaults_slug_and_status_stay()
    {
        var product = await CreateFullProductAsync();
        var name = Unique("Replaced ");

        using var response = await SendAsync(HttpMethod.Put, $"/api/products/{IdOf(product)}", new { name, price = 42.5m }, StaffToken);

        var replaced = await ReadObjectAsync(response, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(replaced["name"]!.GetValue<string>(), Is.EqualTo(name));
            Assert.That(replaced["price"]!.ToJsonString(), Is.EqualTo("42.5"));
            Assert.That(replaced["description"]!.GetValue<string>(), Is.Empty);
            Assert.That(replaced["category"], Is.Null);
            Assert.That(replaced["tags"]!.AsArray(), Is.Empty);
            Assert.That(replaced["specs"]!.AsObject(), Is.Empty);
            Assert.That(replaced["isActive"]!.GetValue<bool>(), Is.True);
            Assert.That(replaced["slug"]!.GetValue<string>(), Is.EqualTo(product["slug"]!.GetValue<string>()));
            Assert.That(replaced["status"]!.GetValue<string>(), Is.EqualTo("published"));
        });
        var stored = await GetProductAsStaffAsync(IdOf(product));
        Assert.That(JsonNode.DeepEquals(stored, replaced), Is.True, $"{stored.ToJsonString()}\n{replaced.ToJsonString()}");
    }

    [Test]
    public async Task Put_with_a_current_If_Match_is_200_and_with_a_stale_one_is_412()
    {
        var product = await CreateProductAsync();
        var id = IdOf(product);
        var stale = await ETagOfAsync(id);
        using (var change = await SendAsync(HttpMethod.Put, $"/api/products/{id}", ProductBody(product["name"]!.GetValue<string>(), 20m), StaffToken))
            await ReadObjectAsync(change, HttpStatusCode.OK);

        using var refused = await SendAsync(HttpMethod.Put, $"/api/products/{id}", ProductBody(price: 30m), StaffToken,
            headers: h => h.IfMatch.Add(stale));
        await AssertProblemAsync(refused, HttpStatusCode.PreconditionFailed);
        Assert.That((await GetProductAsStaffAsync(id))["price"]!.ToJsonString(), Is.EqualTo("20"), "a refused PUT changes nothing");

        var current = await ETagOfAsync(id);
        using var accepted = await SendAsync(HttpMethod.Put, $"/api/products/{id}", ProductBody(price: 30m), StaffToken,
            headers: h => h.IfMatch.Add(current));
        Assert.That((await ReadObjectAsync(accepted, HttpStatusCode.OK))["price"]!.ToJsonString(), Is.EqualTo("30"));
    }

    [Test]
    public async Task Put_with_an_illegal_status_move_is_409()
    {
        var product = await CreatePublishedProductAsync();
        var body = ProductBody(product["name"]!.GetValue<string>());
        body["status"] = "draft";

        using var response = await SendAsync(HttpMethod.Put, $"/api/products/{IdOf(product)}", body, StaffToken);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["status"]!.GetValue<string>(), Is.EqualTo("published"));
    }

    [Test]
    public async Task Put_with_an_allowed_status_move_changes_the_status()
    {
        var product = await CreateProductAsync();
        var body = ProductBody(product["name"]!.GetValue<string>());
        body["status"] = "archived";

        using var response = await SendAsync(HttpMethod.Put, $"/api/products/{IdOf(product)}", body, StaffToken);

        Assert.That((await ReadObjectAsync(response, HttpStatusCode.OK))["status"]!.GetValue<string>(), Is.EqualTo("archived"));
    }

    [Test]
    public async Task Put_without_a_price_is_400_keyed_price()
    {
        var product = await CreateProductAsync();
        using var response = await SendAsync(HttpMethod.Put, $"/api/products/{IdOf(product)}", new { name = Unique("NoPrice ") }, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "price");
    }

    [Test]
    public async Task Put_on_an_unknown_product_is_404()
    {
        using var response = await SendAsync(HttpMethod.Put, "/api/products/987654321", ProductBody(), StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [TestCase(MergePatch)]
    [TestCase("application/json")]
    public async Task Patch_changes_only_the_fields_present(string contentType)
    {
        var product = await CreateFullProductAsync();

        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}", new { price = 12.5m }, StaffToken, contentType);

        var patched = await ReadObjectAsync(response, HttpStatusCode.OK);
        Assert.That(patched["price"]!.ToJsonString(), Is.EqualTo("12.5"));
        foreach (var unchanged in new[] { "name", "slug", "description", "isActive", "status", "publishedAt", "category", "tags", "specs" })
            Assert.That(JsonNode.DeepEquals(patched[unchanged], product[unchanged]), Is.True, $"{unchanged}: {patched[unchanged]?.ToJsonString()}");
    }

    [Test]
    public async Task Patch_with_categoryId_null_clears_the_category()
    {
        var product = await CreateFullProductAsync();
        Assert.That(product["category"], Is.Not.Null);

        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}", """{"categoryId": null}""", StaffToken, MergePatch);

        var patched = await ReadObjectAsync(response, HttpStatusCode.OK);
        Assert.That(patched["category"], Is.Null);
        Assert.That(patched["tags"]!.AsArray(), Has.Count.EqualTo(1), "other fields stay");
    }

    [TestCase("name")]
    [TestCase("price")]
    [TestCase("description")]
    [TestCase("isActive")]
    [TestCase("status")]
    [TestCase("tags")]
    [TestCase("specs")]
    public async Task Patch_with_null_for_a_non_nullable_field_is_400_keyed_by_it(string field)
    {
        var product = await CreateProductAsync();

        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}", $$"""{"{{field}}": null}""", StaffToken, MergePatch);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Patch_with_an_unknown_property_is_400()
    {
        var product = await CreateProductAsync();
        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}", """{"prise": 3}""", StaffToken, MergePatch);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Patch_with_a_current_If_Match_is_200_and_with_a_stale_one_is_412()
    {
        var product = await CreateProductAsync();
        var id = IdOf(product);
        var stale = await ETagOfAsync(id);
        using (var change = await SendAsync(HttpMethod.Patch, $"/api/products/{id}", new { price = 20m }, StaffToken, MergePatch))
            await ReadObjectAsync(change, HttpStatusCode.OK);

        using var refused = await SendAsync(HttpMethod.Patch, $"/api/products/{id}", new { price = 30m }, StaffToken, MergePatch,
            h => h.IfMatch.Add(stale));
        await AssertProblemAsync(refused, HttpStatusCode.PreconditionFailed);
        Assert.That((await GetProductAsStaffAsync(id))["price"]!.ToJsonString(), Is.EqualTo("20"), "a refused PATCH changes nothing");

        var current = await ETagOfAsync(id);
        using var accepted = await SendAsync(HttpMethod.Patch, $"/api/products/{id}", new { price = 30m }, StaffToken, MergePatch,
            h => h.IfMatch.Add(current));
        Assert.That((await ReadObjectAsync(accepted, HttpStatusCode.OK))["price"]!.ToJsonString(), Is.EqualTo("30"));
    }

    [Test]
    public async Task Patch_with_an_illegal_status_move_is_409()
    {
        var product = await CreatePublishedProductAsync();
        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}", new { status = "draft" }, StaffToken, MergePatch);
        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Patch_on_an_unknown_product_is_404()
    {
        using var response = await SendAsync(HttpMethod.Patch, "/api/products/987654321", new { price = 1m }, StaffToken, MergePatch);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Renaming_does_not_change_the_slug()
    {
        var product = await CreateProductAsync();
        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}", new { name = Unique("Renamed ") }, StaffToken, MergePatch);
        var patched = await ReadObjectAsync(response, HttpStatusCode.OK);
        Assert.That(patched["slug"]!.GetValue<string>(), Is.EqualTo(product["slug"]!.GetValue<string>()));
    }
}
