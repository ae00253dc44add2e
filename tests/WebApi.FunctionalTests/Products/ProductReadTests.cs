using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

public sealed class ProductReadTests(string provider) : ApiTestBase(provider)
{
    [Test]
    public async Task Get_by_id_answers_the_product_with_an_ETag_and_If_None_Match_answers_304()
    {
        var product = await CreatePublishedProductAsync();

        using var first = await GetAsync($"/api/products/{IdOf(product)}");
        var body = await ReadObjectAsync(first, HttpStatusCode.OK);
        var etag = first.Headers.ETag;
        Assert.That(etag, Is.Not.Null, "ETag header");
        Assert.That(IdOf(body), Is.EqualTo(IdOf(product)));

        using var second = await GetAsync($"/api/products/{IdOf(product)}", headers: h => h.IfNoneMatch.Add(etag!));

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await second.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That(second.Headers.ETag, Is.EqualTo(etag), "a 304 repeats the ETag");
    }

    [Test]
    public async Task If_None_Match_with_an_old_ETag_answers_200_after_a_change()
    {
        var product = await CreatePublishedProductAsync();
        using var first = await GetAsync($"/api/products/{IdOf(product)}");
        var etag = first.Headers.ETag!;
        using (var patch = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}", new { price = 11.5m }, StaffToken, MergePatch))
            await ReadObjectAsync(patch, HttpStatusCode.OK);

        using var second = await GetAsync($"/api/products/{IdOf(product)}", headers: h => h.IfNoneMatch.Add(etag));

        var body = await ReadObjectAsync(second, HttpStatusCode.OK);
        Assert.That(body["price"]!.ToJsonString(), Is.EqualTo("11.5"));
        Assert.That(second.Headers.ETag, Is.Not.EqualTo(etag));
    }

    [Test]
    public async Task Get_by_slug_answers_the_same_as_by_id_with_ETag_and_304()
    {
        var product = await CreatePublishedProductAsync();

        using var byId = await GetAsync($"/api/products/{IdOf(product)}");
        using var bySlug = await GetAsync($"/api/products/by-slug/{product["slug"]}");
        var idBody = await ReadObjectAsync(byId, HttpStatusCode.OK);
        var slugBody = await ReadObjectAsync(bySlug, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(idBody, slugBody), Is.True, $"{idBody.ToJsonString()}\n{slugBody.ToJsonString()}");
            Assert.That(bySlug.Headers.ETag, Is.Not.Null);
        });

        using var notModified = await GetAsync($"/api/products/by-slug/{product["slug"]}", headers: h => h.IfNoneMatch.Add(bySlug.Headers.ETag!));
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task Detail_has_description_specs_and_images_list_items_do_not()
    {
        var marker = Unique("detail");
        var product = await CreatePublishedProductAsync(ProductBody(marker));

        var page = await ListAsync($"/api/products?search={marker}");
        var item = page["items"]!.AsArray().Single()!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(item.Select(p => p.Key), Is.SupersetOf(new[]
                { "id", "name", "slug", "price", "isActive", "status", "publishedAt", "createdAt", "updatedAt", "category", "tags" }));
            Assert.That(item.Select(p => p.Key), Has.None.AnyOf("description", "specs", "images"));
            Assert.That(product.Select(p => p.Key), Is.SupersetOf(new[] { "description", "specs", "images" }));
        });
    }

    private static IEnumerable<TestCaseData> HiddenProducts()
    {
        yield return new TestCaseData("draft", true).SetArgDisplayNames("draft");
        yield return new TestCaseData("archived", true).SetArgDisplayNames("archived");
        yield return new TestCaseData("published", false).SetArgDisplayNames("inactive published");
    }

    [TestCaseSource(nameof(HiddenProducts))]
    public async Task Hidden_product_is_404_to_anonymous_and_ordinary_users_and_200_to_staff(string status, bool isActive)
    {
        var body = ProductBody();
        body["status"] = status;
        body["isActive"] = isActive;
        var product = await CreateProductAsync(body);
        var byId = $"/api/products/{IdOf(product)}";
        var bySlug = $"/api/products/by-slug/{product["slug"]}";

        foreach (var url in new[] { byId, bySlug })
        {
            using var anonymous = await GetAsync(url);
            await AssertProblemAsync(anonymous, HttpStatusCode.NotFound);
            using var user = await GetAsync(url, UserToken);
            await AssertProblemAsync(user, HttpStatusCode.NotFound);
            using var staff = await GetAsync(url, StaffToken);
            Assert.That(IdOf(await ReadObjectAsync(staff, HttpStatusCode.OK)), Is.EqualTo(IdOf(product)));
        }
    }

    [TestCase("/api/products/987654321")]
    [TestCase("/api/products/by-slug/no-such-product-here")]
    public async Task Unknown_product_is_404_problem(string url)
    {
        using var response = await GetAsync(url, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }
}
