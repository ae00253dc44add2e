using System.Net;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>Names and slugs stay unique under every write, including concurrent ones (409, never 500).</summary>
public sealed class ProductUniquenessTests(string provider) : ApiTestBase(provider)
{
    [Test]
    public async Task Renaming_to_a_name_an_active_product_holds_is_409()
    {
        var taken = await CreateProductAsync();
        var product = await CreateProductAsync();

        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}",
            new { name = taken["name"]!.GetValue<string>().ToLowerInvariant() }, StaffToken, MergePatch);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Reactivating_a_product_whose_name_was_taken_meanwhile_is_409()
    {
        var name = Unique("Reactivate ");
        var inactive = ProductBody(name);
        inactive["isActive"] = false;
        var old = await CreateProductAsync(inactive);
        await CreateProductAsync(ProductBody(name));

        using var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(old)}", new { isActive = true }, StaffToken, MergePatch);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That((await GetProductAsStaffAsync(IdOf(old)))["isActive"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task Put_with_a_given_slug_changes_it_and_a_taken_one_is_409()
    {
        var other = await CreateProductAsync();
        var product = await CreateProductAsync();
        var slug = Unique("new-slug-");

        var body = ProductBody(product["name"]!.GetValue<string>());
        body["slug"] = slug;
        using (var changed = await SendAsync(HttpMethod.Put, $"/api/products/{IdOf(product)}", body, StaffToken))
            Assert.That((await ReadObjectAsync(changed, HttpStatusCode.OK))["slug"]!.GetValue<string>(), Is.EqualTo(slug));

        body["slug"] = other["slug"]!.GetValue<string>();
        using var taken = await SendAsync(HttpMethod.Put, $"/api/products/{IdOf(product)}", body, StaffToken);
        await AssertProblemAsync(taken, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Concurrent_creates_with_the_same_name_answer_one_201_and_409s()
    {
        var name = Unique("Race ");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SendAsync(HttpMethod.Post, "/api/products", ProductBody(name), StaffToken)));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var r in responses) r.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1), string.Join(", ", statuses));
            Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(9), string.Join(", ", statuses));
        });
    }

    [Test]
    public async Task Concurrent_creates_whose_names_make_the_same_slug_all_get_distinct_slugs()
    {
        var marker = Unique("slugrace");
        var names = new[] { "", "!", "?", ".", ",", ";", ":", "*" }.Select(suffix => $"{marker}{suffix}").ToList();

        var responses = await Task.WhenAll(names.Select(n => SendAsync(HttpMethod.Post, "/api/products", ProductBody(n), StaffToken)));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        foreach (var r in responses) r.Dispose();

        Assert.That(statuses, Has.All.EqualTo(HttpStatusCode.Created), string.Join("\n", bodies));
        var slugs = bodies.Select(b => System.Text.Json.Nodes.JsonNode.Parse(b)!["slug"]!.GetValue<string>()).ToList();
        Assert.That(slugs, Is.Unique);
        Assert.That(slugs, Has.All.StartWith(marker));
    }

    [Test]
    public async Task Concurrent_writes_with_the_same_If_Match_let_only_one_through()
    {
        var product = await CreateProductAsync(ProductBody(price: 1m));
        using var get = await GetAsync($"/api/products/{IdOf(product)}", StaffToken);
        var etag = get.Headers.ETag!;

        var responses = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}", new { price = 100m + i }, StaffToken, MergePatch, h => h.IfMatch.Add(etag))));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var r in responses) r.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", statuses));
            Assert.That(statuses.Count(s => s == HttpStatusCode.PreconditionFailed), Is.EqualTo(9), string.Join(", ", statuses));
        });
    }
}
