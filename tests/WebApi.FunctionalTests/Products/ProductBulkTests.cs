using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

public sealed class ProductBulkTests(string provider) : ApiTestBase(provider)
{
    private async Task<int> CountAsync(string search) =>
        (await ListAsync($"/api/products?search={search}", StaffToken))["totalCount"]!.GetValue<int>();

    [Test]
    public async Task Bulk_create_answers_201_with_the_products_in_input_order()
    {
        var marker = Unique("bulk");
        var bodies = new JsonArray(ProductBody($"{marker} c"), ProductBody($"{marker} a"), ProductBody($"{marker} b"));

        using var response = await SendAsync(HttpMethod.Post, "/api/products/bulk", bodies, StaffToken);

        var created = await ReadObjectAsync(response, HttpStatusCode.Created);
        Assert.That(created["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()),
            Is.EqualTo(new[] { $"{marker} c", $"{marker} a", $"{marker} b" }));
        Assert.That(await CountAsync(marker), Is.EqualTo(3));
    }

    [Test]
    public async Task Bulk_create_with_an_invalid_item_is_400_keyed_by_its_index_and_creates_nothing()
    {
        var marker = Unique("bulkbad");
        var bad = ProductBody($"{marker} bad");
        bad["price"] = -1;
        var bodies = new JsonArray(ProductBody($"{marker} ok"), bad);

        using var response = await SendAsync(HttpMethod.Post, "/api/products/bulk", bodies, StaffToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "[1].price");
        Assert.That(await CountAsync(marker), Is.Zero, "all or nothing");
    }

    [Test]
    public async Task Bulk_create_with_a_name_twice_is_409_keyed_by_the_later_index()
    {
        var name = Unique("Twice ");
        var bodies = new JsonArray(ProductBody(name), ProductBody(), ProductBody(name));

        using var response = await SendAsync(HttpMethod.Post, "/api/products/bulk", bodies, StaffToken);

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "[2].name");
    }

    [TestCase("[]")]
    [TestCase("{}")]
    public async Task Bulk_create_of_no_array_or_an_empty_one_is_400(string body)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products/bulk", body, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Bulk_create_needs_staff()
    {
        var body = new JsonArray(ProductBody());
        using var anonymous = await SendAsync(HttpMethod.Post, "/api/products/bulk", body.ToJsonString());
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        using var user = await SendAsync(HttpMethod.Post, "/api/products/bulk", body.ToJsonString(), UserToken);
        await AssertProblemAsync(user, HttpStatusCode.Forbidden);
    }
}
