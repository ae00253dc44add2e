using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

public sealed class ProductLifecycleTests(string provider) : ApiTestBase(provider)
{
    private async Task<JsonObject> PostAsync(string url, object? body, HttpStatusCode expected)
    {
        using var response = await SendAsync(HttpMethod.Post, url, body, StaffToken);
        return await ReadObjectAsync(response, expected);
    }

    [Test]
    public async Task Delete_answers_204_and_the_product_is_gone()
    {
        var tag = await CreateTagAsync();
        var body = ProductBody();
        body["tags"] = new JsonArray(new JsonObject { ["slug"] = tag["slug"]!.GetValue<string>(), ["weight"] = 1 });
        var product = await CreateProductAsync(body);

        using var delete = await SendAsync(HttpMethod.Delete, $"/api/products/{IdOf(product)}", token: StaffToken);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await delete.Content.ReadAsStringAsync(), Is.Empty);

        using var get = await GetAsync($"/api/products/{IdOf(product)}", StaffToken);
        await AssertProblemAsync(get, HttpStatusCode.NotFound);
        using var tagAfter = await GetAsync($"/api/tags/{IdOf(tag)}");
        Assert.That(await ReadObjectAsync(tagAfter, HttpStatusCode.OK), Is.Not.Null, "the tag itself stays");
    }

    [Test]
    public async Task Delete_of_an_unknown_product_is_404()
    {
        using var response = await SendAsync(HttpMethod.Delete, "/api/products/987654321", token: StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Publish_sets_publishedAt_the_first_time_only_and_is_idempotent()
    {
        var product = await CreateProductAsync();
        Assert.That(product["publishedAt"], Is.Null);

        var first = await PostAsync($"/api/products/{IdOf(product)}/publish", null, HttpStatusCode.OK);
        var second = await PostAsync($"/api/products/{IdOf(product)}/publish", null, HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(first["status"]!.GetValue<string>(), Is.EqualTo("published"));
            Assert.That(first["publishedAt"]?.GetValue<string>(), Does.EndWith("Z"));
            Assert.That(second["status"]!.GetValue<string>(), Is.EqualTo("published"));
            Assert.That(second["publishedAt"]?.GetValue<string>(), Is.EqualTo(first["publishedAt"]?.GetValue<string>()));
        });
    }

    [Test]
    public async Task Publishing_again_after_archive_and_back_to_draft_keeps_the_first_publishedAt()
    {
        var product = await CreateProductAsync();
        var id = IdOf(product);
        var published = await PostAsync($"/api/products/{id}/publish", null, HttpStatusCode.OK);
        await PostAsync($"/api/products/{id}/archive", null, HttpStatusCode.OK);
        using (var toDraft = await SendAsync(HttpMethod.Patch, $"/api/products/{id}", new { status = "draft" }, StaffToken, MergePatch))
            await ReadObjectAsync(toDraft, HttpStatusCode.OK);

        var again = await PostAsync($"/api/products/{id}/publish", null, HttpStatusCode.OK);

        Assert.That(again["publishedAt"]?.GetValue<string>(), Is.EqualTo(published["publishedAt"]?.GetValue<string>()));
    }

    [Test]
    public async Task Publish_makes_the_product_visible_to_anonymous_callers()
    {
        var product = await CreateProductAsync();
        await PostAsync($"/api/products/{IdOf(product)}/publish", null, HttpStatusCode.OK);

        using var response = await GetAsync($"/api/products/{IdOf(product)}");

        Assert.That(IdOf(await ReadObjectAsync(response, HttpStatusCode.OK)), Is.EqualTo(IdOf(product)));
    }

    [Test]
    public async Task Archive_sets_status_archived_and_publishing_an_archived_product_is_409()
    {
        var product = await CreatePublishedProductAsync();

        var archived = await PostAsync($"/api/products/{IdOf(product)}/archive", null, HttpStatusCode.OK);
        Assert.That(archived["status"]!.GetValue<string>(), Is.EqualTo("archived"));

        using var publish = await SendAsync(HttpMethod.Post, $"/api/products/{IdOf(product)}/publish", token: StaffToken);
        await AssertProblemAsync(publish, HttpStatusCode.Conflict);
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["status"]!.GetValue<string>(), Is.EqualTo("archived"));
    }

    [TestCase("publish")]
    [TestCase("archive")]
    public async Task Publish_and_archive_of_an_unknown_product_are_404(string action)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/products/987654321/{action}", token: StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [TestCase(5.5, "15.5")]
    [TestCase(-10, "0")]
    [TestCase(99990, "100000")]
    public async Task Price_adjustment_adds_the_amount(decimal amount, string expected)
    {
        var product = await CreateProductAsync(ProductBody(price: 10m));

        var adjusted = await PostAsync($"/api/products/{IdOf(product)}/price-adjustments", new { amount }, HttpStatusCode.OK);

        Assert.That(adjusted["price"]!.ToJsonString(), Is.EqualTo(expected));
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["price"]!.ToJsonString(), Is.EqualTo(expected));
    }

    [TestCase("""{"amount": 0}""")]
    [TestCase("""{"amount": 1.001}""")]
    [TestCase("""{"amount": "abc"}""")]
    [TestCase("""{"amount": null}""")]
    [TestCase("""{}""")]
    public async Task Price_adjustment_with_a_bad_amount_is_400_keyed_amount(string body)
    {
        var product = await CreateProductAsync();
        using var response = await SendAsync(HttpMethod.Post, $"/api/products/{IdOf(product)}/price-adjustments", body, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "amount");
    }

    [TestCase(-10.01)]
    [TestCase(99990.01)]
    [TestCase(150000)]
    [TestCase(-150000)]
    public async Task Price_adjustment_out_of_range_is_409_and_changes_nothing(decimal amount)
    {
        var product = await CreateProductAsync(ProductBody(price: 10m));

        using var response = await SendAsync(HttpMethod.Post, $"/api/products/{IdOf(product)}/price-adjustments", new { amount }, StaffToken);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["price"]!.ToJsonString(), Is.EqualTo("10"));
    }

    [Test]
    public async Task Price_adjustment_of_an_unknown_product_is_404()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products/987654321/price-adjustments", new { amount = 1m }, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Concurrent_price_adjustments_never_lose_an_update_nor_leave_the_range()
    {
        var product = await CreateProductAsync(ProductBody(price: 30m));
        var url = $"/api/products/{IdOf(product)}/price-adjustments";

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => SendAsync(HttpMethod.Post, url, new { amount = -1m }, StaffToken)));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var r in responses) r.Dispose();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(30), string.Join(", ", statuses));
            Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(20), string.Join(", ", statuses));
            Assert.That((await GetProductAsStaffAsync(IdOf(product)))["price"]!.ToJsonString(), Is.EqualTo("0"));
        });
    }
}
