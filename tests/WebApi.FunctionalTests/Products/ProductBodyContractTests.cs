using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>
/// What a product body may hold: a value of the wrong JSON type is a 400 keyed by its field, wherever it is (PATCH,
/// POST, an item of a bulk body); money is exact to 2 decimals; descriptions have a maximum length; a PATCH body is a
/// merge patch and nothing else.
/// </summary>
public sealed class ProductBodyContractTests(string provider) : ApiTestBase(provider)
{
    private static IEnumerable<TestCaseData> WrongTypesInAPatch()
    {
        TestCaseData Case(string json, string field) => new TestCaseData(json, field).SetArgDisplayNames(json);
        yield return Case("""{"price": "x"}""", "price");
        yield return Case("""{"name": 5}""", "name");
        yield return Case("""{"slug": 5}""", "slug");
        yield return Case("""{"isActive": "false"}""", "isActive");
        yield return Case("""{"tags": "x"}""", "tags");
        yield return Case("""{"tags": [{"slug": "x", "weight": "heavy"}]}""", "tags[0].weight");
        yield return Case("""{"categoryId": "1"}""", "categoryId");
        yield return Case("""{"status": 5}""", "status");
        yield return Case("""{"description": []}""", "description");
        yield return Case("""{"price": 1E-400}""", "price");
        yield return Case("""{"price": 0.001}""", "price");
        yield return Case("""{"price": 1E+400}""", "price");
    }

    [TestCaseSource(nameof(WrongTypesInAPatch))]
    public async Task Patch_with_a_value_the_field_cannot_hold_is_400_keyed_by_the_field(string json, string field)
    {
        var product = await CreateProductAsync();

        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}", json, StaffToken, MergePatch);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.That(problem["errors"]![field]!.AsArray().Single()!.GetValue<string>(), Does.StartWith("Must be"), problem.ToJsonString());
    }

    [Test]
    public async Task Patch_with_an_unknown_property_inside_a_tag_is_400_keyed_by_it()
    {
        var product = await CreateProductAsync();

        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}", """{"tags": [{"slug": "x", "wieght": 2}]}""", StaffToken, MergePatch);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "tags[0].wieght");
    }

    [TestCase("""{"name": "NAME", "price": 1, "slug": 5}""", "slug")]
    [TestCase("""{"name": "NAME", "price": 1E-400}""", "price")]
    [TestCase("""{"name": "NAME", "price": 1E+400}""", "price")]
    [TestCase("""{"name": "NAME", "price": 10.000000000000000000000000000001}""", "price")]
    public async Task Create_with_a_value_the_field_cannot_hold_is_400_keyed_by_the_field(string json, string field)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products", json.Replace("NAME", Unique("Typed "), StringComparison.Ordinal), StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [TestCase("1e2", 100)]
    [TestCase("12.50", 12.5)]
    [TestCase("1250E-2", 12.5)]
    [TestCase("0E-400", 0)]
    public async Task Price_written_in_any_json_form_with_at_most_2_decimals_is_kept_exactly(string price, decimal expected)
    {
        var created = await CreateProductAsync(JsonNode.Parse($$"""{"name": "{{Unique("Money ")}}", "price": {{price}}}""")!.AsObject());
        Assert.That(created["price"]!.GetValue<decimal>(), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_type_error_in_one_bulk_item_does_not_hide_the_other_items_errors()
    {
        var marker = Unique("bulktype");
        using var response = await SendAsync(HttpMethod.Post, "/api/products/bulk",
            $$"""[{"price": 1}, {"name": "{{marker}} b", "price": "abc"}, {"name": "{{marker}} c", "price": 1, "tags": [{"slug": 5}]}]""", StaffToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "[0].name");
        var keys = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.That(keys, Is.EquivalentTo(new[] { "[0].name", "[1].price", "[2].tags[0].slug" }), problem.ToJsonString());
        Assert.That((await ListAsync($"/api/products?search={marker}", StaffToken))["totalCount"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task The_openapi_document_describes_the_bulk_body_as_an_array_of_create_bodies()
    {
        var document = await ListAsync("/openapi/v1.json");
        var schema = document["paths"]?["/api/products/bulk"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"];
        var items = schema?["items"];
        var reference = items?["$ref"]?.GetValue<string>();
        var properties = (reference is null ? items : document["components"]?["schemas"]?[reference.Split('/')[^1]])?["properties"]?.AsObject();

        Assert.That(properties?.Select(p => p.Key), Is.SupersetOf(new[] { "name", "price", "slug", "tags" }), schema?.ToJsonString());
    }

    [Test]
    public async Task A_bulk_item_that_is_not_an_object_is_400_keyed_by_its_index()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products/bulk", """[5, null]""", StaffToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "[0]");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "[0]", "[1]" }));
    }

    [Test]
    public async Task Description_up_to_its_maximum_is_accepted_and_one_longer_is_400_keyed_description()
    {
        var longest = await CreateProductAsync(new JsonObject { ["name"] = Unique("Long "), ["price"] = 1, ["description"] = new string('d', 20_000) });
        Assert.That(longest["description"]!.GetValue<string>(), Has.Length.EqualTo(20_000));

        var tooLong = new string('d', 20_001);
        using var create = await SendAsync(HttpMethod.Post, "/api/products", new JsonObject { ["name"] = Unique("Longer "), ["price"] = 1, ["description"] = tooLong }, StaffToken);
        await AssertProblemAsync(create, HttpStatusCode.BadRequest, "description");
        using var patch = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(longest)}", new JsonObject { ["description"] = tooLong }, StaffToken, MergePatch);
        await AssertProblemAsync(patch, HttpStatusCode.BadRequest, "description");
        using var put = await SendAsync(HttpMethod.Put, $"/api/products/{IdOf(longest)}", new JsonObject { ["name"] = Unique("Longer "), ["price"] = 1, ["description"] = tooLong }, StaffToken);
        await AssertProblemAsync(put, HttpStatusCode.BadRequest, "description");
    }

    [TestCase("application/json-patch+json")]
    [TestCase("text/plain")]
    [TestCase("application/xml")]
    public async Task Patch_in_a_media_type_other_than_merge_patch_or_json_is_415_and_changes_nothing(string contentType)
    {
        var product = await CreateProductAsync();
        var body = contentType == "application/json-patch+json" ? """[{"op": "replace", "path": "/price", "value": 3}]""" : """{"price": 3}""";

        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}", body, StaffToken, contentType);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["price"]!.GetValue<decimal>(), Is.EqualTo(10m));
    }

    [TestCase("application/merge-patch+json")]
    [TestCase("application/vnd.shop+json")]
    [TestCase("application/x-www-form-urlencoded")]
    public async Task Create_in_a_media_type_other_than_json_is_415(string contentType)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products", ProductBody().ToJsonString(), StaffToken, contentType);
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Json_with_a_charset_parameter_is_accepted()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products", ProductBody().ToJsonString(), StaffToken, "application/json; charset=utf-8");
        await ReadObjectAsync(response, HttpStatusCode.Created);
    }
}
