using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Catalog;

public sealed class CategoryTests(string provider) : ApiTestBase(provider)
{
    private async Task<JsonObject> FindInListAsync(int id, string? token = null)
    {
        var page = await ListAsync("/api/categories?pageSize=100", token);
        var item = page["items"]!.AsArray().SingleOrDefault(i => IdOf(i!) == id);
        Assert.That(item, Is.Not.Null, $"category {id} in {page.ToJsonString()}");
        return item!.AsObject();
    }

    [Test]
    public async Task List_is_ordered_by_name_in_the_paging_envelope()
    {
        var marker = Unique("order");
        var b = await CreateCategoryAsync($"{marker} b");
        var c = await CreateCategoryAsync($"{marker} c");
        var a = await CreateCategoryAsync($"{marker} a");

        var page = await ListAsync("/api/categories?pageSize=100");

        var ours = page["items"]!.AsArray().Where(i => i!["name"]!.GetValue<string>().StartsWith(marker, StringComparison.Ordinal)).Select(i => IdOf(i!));
        Assert.Multiple(() =>
        {
            Assert.That(ours, Is.EqualTo(new[] { IdOf(a), IdOf(b), IdOf(c) }));
            Assert.That(page["page"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(page["pageSize"]!.GetValue<int>(), Is.EqualTo(100));
            Assert.That(page.Select(p => p.Key), Is.SupersetOf(new[] { "items", "totalCount", "totalPages", "next", "previous" }));
        });
    }

    [TestCase("page=0")]
    [TestCase("pageSize=101")]
    public async Task List_with_paging_out_of_range_is_400(string query)
    {
        using var response = await GetAsync($"/api/categories?{query}");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task ProductCount_counts_only_the_products_the_caller_may_see()
    {
        var category = await CreateCategoryAsync();
        var visible = ProductBody();
        visible["categoryId"] = IdOf(category);
        await CreatePublishedProductAsync(visible);
        var draft = ProductBody();
        draft["categoryId"] = IdOf(category);
        await CreateProductAsync(draft);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await FindInListAsync(IdOf(category)))["productCount"]!.GetValue<int>(), Is.EqualTo(1), "anonymous");
            Assert.That((await FindInListAsync(IdOf(category), UserToken))["productCount"]!.GetValue<int>(), Is.EqualTo(1), "ordinary user");
            Assert.That((await FindInListAsync(IdOf(category), StaffToken))["productCount"]!.GetValue<int>(), Is.EqualTo(2), "staff");
        });
    }

    [Test]
    public async Task Create_answers_201_with_Location_and_a_slug_made_from_the_name()
    {
        var marker = Unique("");
        using var response = await SendAsync(HttpMethod.Post, "/api/categories", new { name = $"Home & Garden {marker}" }, StaffToken);

        var category = await ReadObjectAsync(response, HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(category["name"]!.GetValue<string>(), Is.EqualTo($"Home & Garden {marker}"));
            Assert.That(category["slug"]!.GetValue<string>(), Is.EqualTo($"home-garden-{marker}"));
            Assert.That(category["productCount"]!.GetValue<int>(), Is.Zero);
            Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/api/categories/{IdOf(category)}"));
        });
        using var get = await GetAsync($"/api/categories/{IdOf(category)}");
        Assert.That((await ReadObjectAsync(get, HttpStatusCode.OK))["name"]!.GetValue<string>(), Is.EqualTo($"Home & Garden {marker}"));
    }

    [Test]
    public async Task Slug_made_from_a_name_whose_slug_is_taken_gets_a_numeric_suffix()
    {
        var marker = Unique("c");
        var first = await CreateCategoryAsync($"Same {marker}");
        var second = await CreateCategoryAsync($"Same {marker}!");

        Assert.Multiple(() =>
        {
            Assert.That(first["slug"]!.GetValue<string>(), Is.EqualTo($"same-{marker}"));
            Assert.That(second["slug"]!.GetValue<string>(), Is.EqualTo($"same-{marker}-2"));
        });
    }

    [Test]
    public async Task Create_with_a_given_slug_keeps_it()
    {
        var slug = Unique("cat-");
        using var response = await SendAsync(HttpMethod.Post, "/api/categories", new { name = Unique("Named "), slug }, StaffToken);
        Assert.That((await ReadObjectAsync(response, HttpStatusCode.Created))["slug"]!.GetValue<string>(), Is.EqualTo(slug));
    }

    [Test]
    public async Task Duplicate_name_is_409()
    {
        var name = Unique("Dup ");
        await CreateCategoryAsync(name);

        using var response = await SendAsync(HttpMethod.Post, "/api/categories", new { name }, StaffToken);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Duplicate_slug_is_409()
    {
        var category = await CreateCategoryAsync();
        using var response = await SendAsync(HttpMethod.Post, "/api/categories", new { name = Unique("Other "), slug = category["slug"]!.GetValue<string>() }, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [TestCase("""{"name": "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN"}""", "name", TestName = "Category_name_of_81_chars_is_400")]
    [TestCase("""{"name": "  "}""", "name", TestName = "Category_blank_name_is_400")]
    [TestCase("""{}""", "name", TestName = "Category_missing_name_is_400")]
    [TestCase("""{"name": null}""", "name", TestName = "Category_null_name_is_400")]
    [TestCase("""{"name": "Valid name x1", "slug": "Not A Slug"}""", "slug", TestName = "Category_bad_slug_is_400")]
    public async Task Invalid_category_is_400_keyed_by_the_field(string body, string field)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/categories", body, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Category_name_of_80_chars_is_accepted()
    {
        var name = Unique("").PadRight(80, 'x');
        var category = await CreateCategoryAsync(name);
        Assert.That(category["name"]!.GetValue<string>(), Is.EqualTo(name));
    }

    [Test]
    public async Task Put_renames_the_category()
    {
        var category = await CreateCategoryAsync();
        var name = Unique("Renamed ");

        using var response = await SendAsync(HttpMethod.Put, $"/api/categories/{IdOf(category)}", new { name }, StaffToken);

        Assert.That((await ReadObjectAsync(response, HttpStatusCode.OK))["name"]!.GetValue<string>(), Is.EqualTo(name));
        using var get = await GetAsync($"/api/categories/{IdOf(category)}");
        Assert.That((await ReadObjectAsync(get, HttpStatusCode.OK))["name"]!.GetValue<string>(), Is.EqualTo(name));
    }

    [Test]
    public async Task Put_without_a_name_is_400()
    {
        var category = await CreateCategoryAsync();
        using var response = await SendAsync(HttpMethod.Put, $"/api/categories/{IdOf(category)}", new { slug = Unique("s-") }, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "name");
    }

    [Test]
    public async Task Put_to_a_name_that_is_taken_is_409()
    {
        var taken = await CreateCategoryAsync();
        var category = await CreateCategoryAsync();
        using var response = await SendAsync(HttpMethod.Put, $"/api/categories/{IdOf(category)}", new { name = taken["name"]!.GetValue<string>() }, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Patch_changes_only_the_fields_present()
    {
        var category = await CreateCategoryAsync();
        var slug = Unique("patched-");

        using var response = await SendAsync(HttpMethod.Patch, $"/api/categories/{IdOf(category)}", new { slug }, StaffToken, MergePatch);

        var patched = await ReadObjectAsync(response, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(patched["slug"]!.GetValue<string>(), Is.EqualTo(slug));
            Assert.That(patched["name"]!.GetValue<string>(), Is.EqualTo(category["name"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task Patch_with_null_name_is_400()
    {
        var category = await CreateCategoryAsync();
        using var response = await SendAsync(HttpMethod.Patch, $"/api/categories/{IdOf(category)}", """{"name": null}""", StaffToken, MergePatch);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "name");
    }

    [Test]
    public async Task Delete_of_a_category_with_products_is_409_and_deletes_nothing()
    {
        var category = await CreateCategoryAsync();
        var body = ProductBody();
        body["categoryId"] = IdOf(category);
        var product = await CreateProductAsync(body);

        using var response = await SendAsync(HttpMethod.Delete, $"/api/categories/{IdOf(category)}", token: StaffToken);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        using var get = await GetAsync($"/api/categories/{IdOf(category)}");
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["category"]?["id"]?.GetValue<int>(), Is.EqualTo(IdOf(category)));
    }

    [Test]
    public async Task Delete_of_an_empty_category_is_204_and_it_is_gone()
    {
        var category = await CreateCategoryAsync();

        using var response = await SendAsync(HttpMethod.Delete, $"/api/categories/{IdOf(category)}", token: StaffToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var get = await GetAsync($"/api/categories/{IdOf(category)}");
        await AssertProblemAsync(get, HttpStatusCode.NotFound);
    }

    [TestCase("GET")]
    [TestCase("PUT")]
    [TestCase("PATCH")]
    [TestCase("DELETE")]
    public async Task Unknown_category_is_404(string method)
    {
        var body = method is "PUT" or "PATCH" ? new { name = Unique("Ghost ") } : null;
        using var response = await SendAsync(new HttpMethod(method), "/api/categories/987654321", body, StaffToken, method == "PATCH" ? MergePatch : "application/json");
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }
}
