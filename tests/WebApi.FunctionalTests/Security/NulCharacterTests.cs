using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Security;

/// <summary>
/// PostgreSQL cannot store or compare text holding a NUL character; the API refuses it as a 400 keyed by
/// the field on both databases instead of letting the database fail with a 500.
/// </summary>
public sealed class NulCharacterTests(string provider) : ApiTestBase(provider)
{
    [TestCase("search")]
    [TestCase("category")]
    [TestCase("tag")]
    public async Task A_list_filter_with_NUL_is_a_400_keyed_by_the_filter(string filter)
    {
        var response = await GetAsync($"/api/products?{filter}=a%00b");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, filter);
    }

    [TestCase("name")]
    [TestCase("description")]
    public async Task A_product_field_with_NUL_is_a_400_keyed_by_the_field(string field)
    {
        var body = ProductBody(Unique("Nul "));
        body[field] = "before\0after";
        var response = await SendAsync(HttpMethod.Post, "/api/products", body, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task A_category_name_with_NUL_is_a_400()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/categories", new JsonObject { ["name"] = "Bad\0Name" }, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "name");
    }

    [Test]
    public async Task A_username_with_NUL_is_a_400_not_a_server_error()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/token", new JsonObject { ["username"] = "staff\0", ["password"] = "x" });
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "username");
    }
}
