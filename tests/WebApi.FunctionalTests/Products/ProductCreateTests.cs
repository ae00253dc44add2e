using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

public sealed class ProductCreateTests(string provider) : ApiTestBase(provider)
{
    private static readonly string[] ProductMembers =
        ["id", "name", "slug", "description", "price", "isActive", "status", "publishedAt", "createdAt", "updatedAt", "category", "tags", "specs", "images"];

    [Test]
    public async Task Create_answers_201_with_Location_and_the_product_with_its_defaults()
    {
        var name = Unique("Board ");
        using var response = await SendAsync(HttpMethod.Post, "/api/products", ProductBody(name, 199.9m), StaffToken);

        var product = await ReadObjectAsync(response, HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(product.Select(p => p.Key), Is.SupersetOf(ProductMembers));
            Assert.That(product["id"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
            Assert.That(product["name"]!.GetValue<string>(), Is.EqualTo(name));
            Assert.That(product["slug"]!.GetValue<string>(), Is.EqualTo(name.ToLowerInvariant().Replace(' ', '-')));
            Assert.That(product["description"]!.GetValue<string>(), Is.Empty);
            Assert.That(product["price"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
            Assert.That(product["price"]!.ToJsonString(), Is.EqualTo("199.9"));
            Assert.That(product["isActive"]!.GetValue<bool>(), Is.True);
            Assert.That(product["status"]!.GetValue<string>(), Is.EqualTo("draft"));
            Assert.That(product["publishedAt"], Is.Null);
            Assert.That(product["category"], Is.Null);
            Assert.That(product["tags"]!.AsArray(), Is.Empty);
            Assert.That(product["specs"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Object));
            Assert.That(product["specs"]!.AsObject(), Is.Empty);
            Assert.That(product["images"]!.AsArray(), Is.Empty);
            AssertUtcTimestamp(product["createdAt"]);
            AssertUtcTimestamp(product["updatedAt"]);
        });

        var location = response.Headers.Location;
        Assert.That(location, Is.Not.Null, "Location header");
        var resolved = location!.IsAbsoluteUri ? location : new Uri(Client.BaseAddress!, location);
        Assert.That(resolved.AbsolutePath, Is.EqualTo($"/api/products/{IdOf(product)}"));
        using var fetched = await GetAsync(resolved.ToString(), StaffToken);
        Assert.That(IdOf(await ReadObjectAsync(fetched, HttpStatusCode.OK)), Is.EqualTo(IdOf(product)));
    }

    [TestCase(299, "299")]
    [TestCase(0, "0")]
    [TestCase(100000, "100000")]
    [TestCase(0.5, "0.5")]
    [TestCase(12.34, "12.34")]
    public async Task Price_is_answered_as_a_plain_json_number(decimal price, string json)
    {
        var product = await CreateProductAsync(ProductBody(price: price));
        Assert.That(product["price"]!.ToJsonString(), Is.EqualTo(json));
    }

    [Test]
    public async Task Create_with_category_tags_and_specs_answers_them_in_the_product()
    {
        var category = await CreateCategoryAsync();
        var tag = await CreateTagAsync();
        var body = ProductBody();
        body["description"] = "Line one\nLine two";
        body["categoryId"] = IdOf(category);
        body["tags"] = new JsonArray(new JsonObject { ["slug"] = tag["slug"]!.GetValue<string>(), ["weight"] = 7 });
        body["specs"] = new JsonObject { ["switches"] = "brown", ["keys"] = 87, ["rgb"] = true };

        var product = await CreateProductAsync(body);

        Assert.Multiple(() =>
        {
            Assert.That(product["description"]!.GetValue<string>(), Is.EqualTo("Line one\nLine two"));
            Assert.That(product["category"]!["id"]!.GetValue<int>(), Is.EqualTo(IdOf(category)));
            Assert.That(product["category"]!["name"]!.GetValue<string>(), Is.EqualTo(category["name"]!.GetValue<string>()));
            Assert.That(product["category"]!["slug"]!.GetValue<string>(), Is.EqualTo(category["slug"]!.GetValue<string>()));
            var tags = product["tags"]!.AsArray();
            Assert.That(tags, Has.Count.EqualTo(1));
            Assert.That(tags[0]!["id"]!.GetValue<int>(), Is.EqualTo(IdOf(tag)));
            Assert.That(tags[0]!["name"]!.GetValue<string>(), Is.EqualTo(tag["name"]!.GetValue<string>()));
            Assert.That(tags[0]!["slug"]!.GetValue<string>(), Is.EqualTo(tag["slug"]!.GetValue<string>()));
            Assert.That(tags[0]!["weight"]!.GetValue<int>(), Is.EqualTo(7));
            Assert.That(JsonNode.DeepEquals(product["specs"], body["specs"]), Is.True, product["specs"]?.ToJsonString());
        });
    }

    [Test]
    public async Task Name_of_120_chars_after_trimming_is_accepted()
    {
        var name = Unique("Long ").PadRight(120, 'x');

        var product = await CreateProductAsync(ProductBody($"  {name}  "));

        Assert.That(product["name"]!.GetValue<string>().Trim(), Is.EqualTo(name));
    }

    [Test]
    public async Task Tag_weight_defaults_to_1()
    {
        var tag = await CreateTagAsync();
        var body = ProductBody();
        body["tags"] = new JsonArray(new JsonObject { ["slug"] = tag["slug"]!.GetValue<string>() });

        var product = await CreateProductAsync(body);

        Assert.That(product["tags"]![0]!["weight"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task CategoryId_null_is_accepted_and_means_no_category()
    {
        var body = ProductBody();
        body["categoryId"] = null;

        var product = await CreateProductAsync(body);

        Assert.That(product["category"], Is.Null);
    }

    [Test]
    public async Task Slug_is_made_from_the_name_with_accents_folded()
    {
        var product = await CreateProductAsync(ProductBody("Café Crème"));
        Assert.That(product["slug"]!.GetValue<string>(), Is.EqualTo("cafe-creme"));
    }

    [Test]
    public async Task Slug_made_from_a_name_whose_slug_is_taken_gets_a_numeric_suffix()
    {
        var marker = Unique("clash");
        var first = await CreateProductAsync(ProductBody($"Clash {marker}"));
        var second = await CreateProductAsync(ProductBody($"Clash {marker}!"));
        var third = await CreateProductAsync(ProductBody($"Clash: {marker}"));

        Assert.Multiple(() =>
        {
            Assert.That(first["slug"]!.GetValue<string>(), Is.EqualTo($"clash-{marker}"));
            Assert.That(second["slug"]!.GetValue<string>(), Is.EqualTo($"clash-{marker}-2"));
            Assert.That(third["slug"]!.GetValue<string>(), Is.EqualTo($"clash-{marker}-3"));
        });
    }

    [Test]
    public async Task Given_slug_is_kept_and_a_given_slug_that_is_taken_is_409()
    {
        var slug = Unique("given-");
        var body = ProductBody();
        body["slug"] = slug;
        var first = await CreateProductAsync(body);
        Assert.That(first["slug"]!.GetValue<string>(), Is.EqualTo(slug));

        var again = ProductBody();
        again["slug"] = slug;
        using var response = await SendAsync(HttpMethod.Post, "/api/products", again, StaffToken);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Name_taken_by_an_active_product_ignoring_case_is_409()
    {
        var name = Unique("Dup ");
        await CreateProductAsync(ProductBody(name));

        using var response = await SendAsync(HttpMethod.Post, "/api/products", ProductBody(name.ToUpperInvariant()), StaffToken);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Deactivating_a_product_frees_its_name()
    {
        var name = Unique("Free ");
        var first = await CreateProductAsync(ProductBody(name));
        using (var patch = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(first)}", new { isActive = false }, StaffToken, MergePatch))
            await ReadObjectAsync(patch, HttpStatusCode.OK);

        var second = await CreateProductAsync(ProductBody(name));

        Assert.That(second["name"]!.GetValue<string>(), Is.EqualTo(name));
    }

    private static IEnumerable<TestCaseData> InvalidBodies()
    {
        TestCaseData Case(string name, string json, string field) => new TestCaseData(json, field).SetArgDisplayNames(name);
        yield return Case("missing name", """{"price": 1}""", "name");
        yield return Case("null name", """{"name": null, "price": 1}""", "name");
        yield return Case("name of 121 chars", $$"""{"name": "{{new string('n', 121)}}", "price": 1}""", "name");
        yield return Case("whitespace-only name", """{"name": "   ", "price": 1}""", "name");
        yield return Case("name a number", """{"name": 12, "price": 1}""", "name");
        yield return Case("missing price", """{"name": "NAME"}""", "price");
        yield return Case("price -1", """{"name": "NAME", "price": -1}""", "price");
        yield return Case("price 100000.01", """{"name": "NAME", "price": 100000.01}""", "price");
        yield return Case("price 1.001", """{"name": "NAME", "price": 1.001}""", "price");
        yield return Case("price -1e-30 (more decimals than a decimal holds)", """{"name": "NAME", "price": -0.000000000000000000000000000001}""", "price");
        yield return Case("price 0.001", """{"name": "NAME", "price": 0.001}""", "price");
        yield return Case("price a string", """{"name": "NAME", "price": "abc"}""", "price");
        yield return Case("price a numeric string", """{"name": "NAME", "price": "12"}""", "price");
        yield return Case("price null", """{"name": "NAME", "price": null}""", "price");
        yield return Case("slug with spaces", """{"name": "NAME", "price": 1, "slug": "Bad Slug"}""", "slug");
        yield return Case("slug of 141 chars", $$"""{"name": "NAME", "price": 1, "slug": "{{new string('s', 141)}}"}""", "slug");
        yield return Case("description null", """{"name": "NAME", "price": 1, "description": null}""", "description");
        yield return Case("isActive a string", """{"name": "NAME", "price": 1, "isActive": "yes"}""", "isActive");
        yield return Case("unknown status", """{"name": "NAME", "price": 1, "status": "deleted"}""", "status");
        yield return Case("categoryId a string", """{"name": "NAME", "price": 1, "categoryId": "abc"}""", "categoryId");
        yield return Case("unknown categoryId", """{"name": "NAME", "price": 1, "categoryId": 987654}""", "categoryId");
        yield return Case("specs an array", """{"name": "NAME", "price": 1, "specs": [1, 2]}""", "specs");
        yield return Case("specs a string", """{"name": "NAME", "price": 1, "specs": "big"}""", "specs");
        yield return Case("specs null", """{"name": "NAME", "price": 1, "specs": null}""", "specs");
        yield return Case("specs over 64 KiB", "{\"name\": \"NAME\", \"price\": 1, \"specs\": {\"blob\": \"" + new string('x', 66_000) + "\"}}", "specs");
    }

    [TestCaseSource(nameof(InvalidBodies))]
    public async Task Invalid_create_body_is_400_keyed_by_the_field(string json, string field)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products", json.Replace("NAME", Unique("Invalid "), StringComparison.Ordinal), StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    private static IEnumerable<TestCaseData> InvalidTagBodies()
    {
        TestCaseData Case(string name, string tags) => new TestCaseData(tags).SetArgDisplayNames(name);
        yield return Case("unknown tag slug", """[{"slug": "no-such-tag-anywhere", "weight": 1}]""");
        yield return Case("weight 0", """[{"slug": "TAG", "weight": 0}]""");
        yield return Case("weight 1001", """[{"slug": "TAG", "weight": 1001}]""");
        yield return Case("tags not a list", "\"TAG\"");
        yield return Case("tags null", "null");
        yield return Case("unknown property in a tag", """[{"slug": "TAG", "wieght": 2}]""");
        yield return Case("weight a string", """[{"slug": "TAG", "weight": "heavy"}]""");
    }

    [TestCaseSource(nameof(InvalidTagBodies))]
    public async Task Invalid_tags_are_400_keyed_by_tags(string tags)
    {
        var tag = await CreateTagAsync();
        var json = $$"""{"name": "{{Unique("Tagged ")}}", "price": 1, "tags": """ + tags.Replace("TAG", tag["slug"]!.GetValue<string>(), StringComparison.Ordinal) + "}";

        using var response = await SendAsync(HttpMethod.Post, "/api/products", json, StaffToken);

        await AssertValidationProblemStartingWithAsync(response, "tags");
    }

    [Test]
    public async Task Unknown_property_is_400()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products", """{"nmae": "Typo", "name": "Typo product", "price": 1}""", StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [TestCase("", TestName = "Empty_body_is_400_without_errors")]
    [TestCase("not json", TestName = "Body_that_is_not_json_is_400_without_errors")]
    [TestCase("{\"name\": \"x\", \"price\": 1", TestName = "Truncated_json_is_400_without_errors")]
    public async Task Body_that_is_not_a_json_object_is_400_without_errors(string body)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products", body, StaffToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.ContainsKey("errors"), Is.False, problem.ToJsonString());
    }

    [Test]
    public async Task Wrong_content_type_is_415()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products", ProductBody().ToJsonString(), StaffToken, "text/plain");
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private static void AssertUtcTimestamp(JsonNode? node)
    {
        var text = node?.GetValue<string>();
        Assert.That(text, Does.EndWith("Z"));
        Assert.That(DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed), Is.True, text);
        Assert.That(parsed.Kind, Is.EqualTo(DateTimeKind.Utc), text);
    }
}
