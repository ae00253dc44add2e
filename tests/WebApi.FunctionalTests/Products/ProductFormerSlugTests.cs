using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>
/// After a slug change, the old slug answers one 301 to the current one (API and page); another product cannot take it
/// (409 keyed slug); renaming back frees it; deleting the product drops its old slugs.
/// </summary>
public sealed class ProductFormerSlugTests(string provider) : ApiTestBase(provider)
{
    private async Task<(int Id, string Slug)> PublishedWithSlugAsync()
    {
        var slug = Unique("s-");
        var product = await CreatePublishedProductAsync(new JsonObject { ["name"] = Unique("Slugged "), ["price"] = 5, ["slug"] = slug });
        return (IdOf(product), slug);
    }

    private async Task RenameAsync(int id, string slug)
    {
        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{id}", new JsonObject { ["slug"] = slug }, StaffToken, MergePatch);
        await ReadObjectAsync(response, HttpStatusCode.OK);
    }

    private async Task AssertMovedAsync(string url, string expectedPath, string? token = null)
    {
        using var response = await GetAsync(url, token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently), url);
        Assert.That(response.Headers.Location?.PathAndQuery, Is.EqualTo(expectedPath), url);
        Assert.That(response.Headers.Location?.IsAbsoluteUri, Is.True, "the canonical, absolute URL");
    }

    [Test]
    public async Task An_old_slug_answers_301_to_the_current_resource_after_a_patch()
    {
        var (id, old) = await PublishedWithSlugAsync();
        var current = Unique("s-");

        await RenameAsync(id, current);

        await AssertMovedAsync($"/api/products/by-slug/{old}", $"/api/products/by-slug/{current}");
        await AssertMovedAsync($"/api/products/by-slug/{old}", $"/api/products/by-slug/{current}", StaffToken);
        using var now = await GetAsync($"/api/products/by-slug/{current}");
        Assert.That(IdOf(await ReadObjectAsync(now, HttpStatusCode.OK)), Is.EqualTo(id));
    }

    [Test]
    public async Task A_replace_that_changes_the_slug_keeps_the_old_one_too()
    {
        var (id, old) = await PublishedWithSlugAsync();
        var product = await GetProductAsStaffAsync(id);
        var current = Unique("s-");

        using var response = await SendAsync(HttpMethod.Put, $"/api/products/{id}",
            new JsonObject { ["name"] = product["name"]!.GetValue<string>(), ["price"] = 6, ["slug"] = current }, StaffToken);
        await ReadObjectAsync(response, HttpStatusCode.OK);

        await AssertMovedAsync($"/api/products/by-slug/{old}", $"/api/products/by-slug/{current}");
    }

    [Test]
    public async Task A_chain_of_renames_answers_one_redirect_to_the_last_slug_with_the_query_kept()
    {
        var (id, a) = await PublishedWithSlugAsync();
        var (b, c) = (Unique("s-"), Unique("s-"));
        await RenameAsync(id, b);
        await RenameAsync(id, c);

        await AssertMovedAsync($"/api/products/by-slug/{a}?x=1", $"/api/products/by-slug/{c}?x=1");
        await AssertMovedAsync($"/api/products/by-slug/{b}", $"/api/products/by-slug/{c}");
    }

    [Test]
    public async Task The_page_of_an_old_slug_answers_301_to_the_current_page()
    {
        var (id, old) = await PublishedWithSlugAsync();
        var current = Unique("s-");
        await RenameAsync(id, current);

        await AssertMovedAsync($"/products/{old}", $"/products/{current}");
    }

    [Test]
    public async Task An_anonymous_cached_answer_turns_into_the_redirect_right_after_the_rename()
    {
        var (id, old) = await PublishedWithSlugAsync();
        using (var before = await GetAsync($"/api/products/by-slug/{old}")) Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var cached = await GetAsync($"/api/products/by-slug/{old}")) Assert.That(cached.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var current = Unique("s-");

        await RenameAsync(id, current);

        await AssertMovedAsync($"/api/products/by-slug/{old}", $"/api/products/by-slug/{current}");
    }

    [Test]
    public async Task Renaming_back_to_an_old_slug_works_and_drops_its_redirect()
    {
        var (id, a) = await PublishedWithSlugAsync();
        var b = Unique("s-");
        await RenameAsync(id, b);

        await RenameAsync(id, a);

        using var back = await GetAsync($"/api/products/by-slug/{a}");
        Assert.That(IdOf(await ReadObjectAsync(back, HttpStatusCode.OK)), Is.EqualTo(id));
        await AssertMovedAsync($"/api/products/by-slug/{b}", $"/api/products/by-slug/{a}");
    }

    [Test]
    public async Task Another_product_cannot_take_an_old_slug_by_create_patch_or_bulk()
    {
        var (id, old) = await PublishedWithSlugAsync();
        await RenameAsync(id, Unique("s-"));
        var other = IdOf(await CreateProductAsync());

        using (var create = await SendAsync(HttpMethod.Post, "/api/products", new JsonObject { ["name"] = Unique("Taker "), ["price"] = 1, ["slug"] = old }, StaffToken))
            Assert.That((await AssertProblemAsync(create, HttpStatusCode.Conflict, "slug"))["errors"]!["slug"]![0]!.GetValue<string>(), Does.Contain("redirect"));
        using (var patch = await SendAsync(HttpMethod.Patch, $"/api/products/{other}", new JsonObject { ["slug"] = old }, StaffToken, MergePatch))
            await AssertProblemAsync(patch, HttpStatusCode.Conflict, "slug");
        using (var bulk = await SendAsync(HttpMethod.Post, "/api/products/bulk",
                   new JsonArray(new JsonObject { ["name"] = Unique("Bulk "), ["price"] = 1, ["slug"] = old }), StaffToken))
            await AssertProblemAsync(bulk, HttpStatusCode.Conflict, "[0].slug");

        await AssertMovedAsync($"/api/products/by-slug/{old}", $"/api/products/by-slug/{(await GetProductAsStaffAsync(id))["slug"]}");
    }

    [Test]
    public async Task A_slug_made_from_a_name_passes_over_an_old_slug()
    {
        var name = Unique("Auto ");
        var first = await CreateProductAsync(new JsonObject { ["name"] = name, ["price"] = 1 });
        var old = first["slug"]!.GetValue<string>();
        await RenameAsync(IdOf(first), Unique("s-"));
        await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(first)}", new JsonObject { ["isActive"] = false }, StaffToken, MergePatch);

        var second = await CreateProductAsync(new JsonObject { ["name"] = name, ["price"] = 1 });

        Assert.That(second["slug"]!.GetValue<string>(), Is.EqualTo(old + "-2"));
    }

    [Test]
    public async Task Deleting_the_product_drops_its_old_slugs_and_frees_them()
    {
        var (id, old) = await PublishedWithSlugAsync();
        await RenameAsync(id, Unique("s-"));

        using (var delete = await SendAsync(HttpMethod.Delete, $"/api/products/{id}", token: StaffToken))
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using (var gone = await GetAsync($"/api/products/by-slug/{old}", StaffToken)) await AssertProblemAsync(gone, HttpStatusCode.NotFound);
        var taker = await CreateProductAsync(new JsonObject { ["name"] = Unique("Taker "), ["price"] = 1, ["slug"] = old });
        Assert.That(taker["slug"]!.GetValue<string>(), Is.EqualTo(old));
    }

    [Test]
    public async Task A_hidden_product_is_not_redirected_to_for_anonymous_callers()
    {
        var (id, old) = await PublishedWithSlugAsync();
        await RenameAsync(id, Unique("s-"));
        await SendAsync(HttpMethod.Patch, $"/api/products/{id}", new JsonObject { ["isActive"] = false }, StaffToken, MergePatch);

        using var anonymous = await GetAsync($"/api/products/by-slug/{old}");
        await AssertProblemAsync(anonymous, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Concurrent_renames_and_creates_of_one_slug_leave_it_either_a_redirect_or_a_product()
    {
        var (id, old) = await PublishedWithSlugAsync();
        var next = Unique("s-");

        var rename = Task.Run(() => SendAsync(HttpMethod.Patch, $"/api/products/{id}", new JsonObject { ["slug"] = next }, StaffToken, MergePatch));
        var creates = Enumerable.Range(0, 5).Select(_ => Task.Run(() =>
            SendAsync(HttpMethod.Post, "/api/products", new JsonObject { ["name"] = Unique("Racer "), ["price"] = 1, ["slug"] = old }, StaffToken))).ToList();
        var answers = await Task.WhenAll(creates.Append(rename));
        var statuses = answers.Select(a => a.StatusCode).ToList();
        foreach (var answer in answers) answer.Dispose();

        Assert.That(statuses, Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Conflict));
        var renamed = statuses[^1] == HttpStatusCode.OK;
        var created = statuses.Take(5).Count(s => s == HttpStatusCode.Created);
        // Before the rename commits the slug is the product's (unique index), after it a kept redirect: no create takes it.
        Assert.That(renamed, Is.True);
        Assert.That(created, Is.Zero, string.Join(", ", statuses));
        await AssertMovedAsync($"/api/products/by-slug/{old}", $"/api/products/by-slug/{next}");
    }
}
