using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>Keyset paging of GET /api/products: nextCursor, ?cursor=, and the links of a cursor page.</summary>
public sealed class ProductCursorTests(string provider) : ApiTestBase(provider)
{
    /// <summary>
    /// Products of their own (found by a marker word in the name or description) with ties on price, name (inactive
    /// ones), status and category, so the id has to break them.
    /// </summary>
    private async Task<string> CatalogWithTiesAsync()
    {
        var marker = Unique("cur");
        var categories = new[] { await CreateCategoryAsync(), await CreateCategoryAsync() };
        for (var i = 0; i < 11; i++)
        {
            var body = ProductBody(i % 4 == 3 ? $"Same {marker}" : $"{marker} {(char)('k' - i)}", price: 10 + i % 3);
            if (i % 4 == 3 && i > 3) body["isActive"] = false; // the name is unique among active products only
            if (i % 3 > 0) body["categoryId"] = IdOf(categories[i % 3 - 1]);
            if (i % 2 == 0) body["status"] = "published";
            if (i == 5) { body["name"] = $"Plain {Unique()}"; body["description"] = $"about {marker}"; }
            await CreateProductAsync(body);
        }
        return marker;
    }

    private async Task<List<int>> WalkByPageAsync(string query, string? token)
    {
        var ids = new List<int>();
        for (var page = 1; ; page++)
        {
            var answer = await ListAsync($"/api/products?{query}&pageSize=3&page={page}", token);
            if (Ids(answer).Count == 0) return ids;
            ids.AddRange(Ids(answer));
        }
    }

    /// <summary>Page 1, then every page by its next link (a cursor page's next carries the next cursor).</summary>
    private async Task<List<int>> WalkByCursorAsync(string query, string? token)
    {
        var answer = await ListAsync($"/api/products?{query}&pageSize=3", token);
        var ids = Ids(answer);
        var url = answer["nextCursor"] is null ? null : $"/api/products?{query}&pageSize=3&cursor={Uri.EscapeDataString(answer["nextCursor"]!.GetValue<string>())}";
        for (var guard = 0; url is not null && guard < 50; guard++)
        {
            answer = await ListAsync(url, token);
            ids.AddRange(Ids(answer));
            Assert.That(answer["previous"], Is.Null, "a cursor page links forward only");
            Assert.That(answer["next"] is null, Is.EqualTo(answer["nextCursor"] is null), "next and nextCursor end together");
            url = answer["next"]?.GetValue<string>();
            if (url is not null) Assert.That(url, Does.Contain("cursor=" + Uri.EscapeDataString(answer["nextCursor"]!.GetValue<string>())));
        }
        return ids;
    }

    private static readonly string[] Orderings =
        ["name", "-name", "price", "-price", "createdAt", "-createdAt", "status", "-status", "isActive", "-isActive", "category", "-category"];

    [Test]
    public async Task Following_cursors_lists_exactly_the_numbered_pages_in_every_ordering()
    {
        var marker = await CatalogWithTiesAsync();

        using (Assert.EnterMultipleScope())
        {
            foreach (var ordering in Orderings)
            {
                var byPage = await WalkByPageAsync($"search={marker}&ordering={ordering}", StaffToken);
                Assert.That(byPage, Has.Count.EqualTo(11), ordering);
                Assert.That(await WalkByCursorAsync($"search={marker}&ordering={ordering}", StaffToken), Is.EqualTo(byPage), ordering);
            }
            // Relevance (search without an ordering: name matches first), for staff and for anonymous callers.
            Assert.That(await WalkByCursorAsync($"search={marker}", StaffToken), Is.EqualTo(await WalkByPageAsync($"search={marker}", StaffToken)));
            Assert.That(await WalkByCursorAsync($"search={marker}", null), Is.EqualTo(await WalkByPageAsync($"search={marker}", null)));
            Assert.That(await WalkByCursorAsync($"search={marker}&ordering=-price", null), Is.EqualTo(await WalkByPageAsync($"search={marker}&ordering=-price", null)));
        }
    }

    [Test]
    public async Task A_cursor_alone_continues_its_list_with_its_filters_and_ordering()
    {
        var marker = await CatalogWithTiesAsync();
        var first = await ListAsync($"/api/products?search={marker}&ordering=price&pageSize=4", StaffToken);
        var second = await ListAsync($"/api/products?pageSize=4&cursor={Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>())}", StaffToken);
        var byPage = await ListAsync($"/api/products?search={marker}&ordering=price&pageSize=4&page=2", StaffToken);

        Assert.Multiple(() =>
        {
            Assert.That(Ids(second), Is.EqualTo(Ids(byPage)));
            Assert.That(second["page"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(second["totalCount"]!.GetValue<int>(), Is.EqualTo(11));
            Assert.That(second["totalPages"]!.GetValue<int>(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Products_added_or_deleted_between_pages_are_neither_repeated_nor_skipped()
    {
        var marker = Unique("ins");
        var ids = new List<int>();
        for (var i = 1; i <= 6; i++) ids.Add(IdOf(await CreatePublishedProductAsync(ProductBody($"{marker} {i}", price: i * 10))));

        var first = await ListAsync($"/api/products?search={marker}&ordering=price&pageSize=2");
        await SendAsync(HttpMethod.Delete, $"/api/products/{ids[0]}", token: StaffToken); // seen already
        await SendAsync(HttpMethod.Delete, $"/api/products/{ids[3]}", token: StaffToken); // not seen yet
        await CreatePublishedProductAsync(ProductBody($"{marker} cheap", price: 1)); // before the cursor: not shown
        var dear = IdOf(await CreatePublishedProductAsync(ProductBody($"{marker} dear", price: 99)));
        var seen = Ids(first);
        var url = first["next"] is null ? null : $"/api/products?search={marker}&ordering=price&pageSize=2&cursor={Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>())}";
        while (url is not null)
        {
            var page = await ListAsync(url);
            seen.AddRange(Ids(page));
            url = page["next"]?.GetValue<string>();
        }

        Assert.That(seen, Is.EqualTo(new[] { ids[0], ids[1], ids[2], ids[4], ids[5], dear }));
    }

    [Test]
    public async Task The_last_page_has_a_null_next_cursor_and_a_page_request_keeps_its_page_links()
    {
        var marker = Unique("last");
        for (var i = 0; i < 3; i++) await CreatePublishedProductAsync(ProductBody($"{marker} {i}"));

        var first = await ListAsync($"/api/products?search={marker}&pageSize=2");
        var last = await ListAsync($"/api/products?search={marker}&pageSize=2&page=2");

        Assert.Multiple(() =>
        {
            Assert.That(first["nextCursor"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
            Assert.That(first["next"]!.GetValue<string>(), Does.Contain("page=2").And.Not.Contain("cursor="));
            Assert.That(last.ContainsKey("nextCursor") && last["nextCursor"] is null, Is.True, "nextCursor is null on the last page");
        });
    }

    [Test]
    public async Task A_tampered_truncated_or_foreign_cursor_is_a_400_keyed_cursor()
    {
        var marker = Unique("tam");
        for (var i = 0; i < 3; i++) await CreatePublishedProductAsync(ProductBody($"{marker} {i}"));
        var cursor = (await ListAsync($"/api/products?search={marker}&pageSize=1"))["nextCursor"]!.GetValue<string>();
        var middle = cursor.Length / 2;
        var tampered = cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..];

        foreach (var bad in new[] { tampered, cursor[..^4], cursor[..10], "CfDJ8" + new string('x', 120), "not a cursor!", "%00", new string('a', 3000) })
        {
            using var response = await GetAsync($"/api/products?cursor={Uri.EscapeDataString(bad)}");
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, "cursor");
        }
    }

    [TestCase("ordering=-price")]
    [TestCase("ordering=price&search=other")]
    [TestCase("ordering=price&minPrice=5")]
    public async Task A_cursor_sent_with_other_filters_or_ordering_is_a_400_keyed_cursor(string other)
    {
        var marker = Unique("mis");
        for (var i = 0; i < 3; i++) await CreatePublishedProductAsync(ProductBody($"{marker} {i}"));
        var cursor = (await ListAsync($"/api/products?search={marker}&ordering=price&pageSize=1"))["nextCursor"]!.GetValue<string>();

        using var response = await GetAsync($"/api/products?{other.Replace("search=other", $"search={marker}x", StringComparison.Ordinal)}&cursor={Uri.EscapeDataString(cursor)}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "cursor");
    }

    [Test]
    public async Task The_openapi_document_describes_the_cursor_parameter_and_next_cursor()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
        var list = document["paths"]!["/api/products"]!["get"]!;
        var cursor = list["parameters"]!.AsArray().SingleOrDefault(p => p!["name"]!.GetValue<string>() == "cursor");
        var schemaRef = list["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        var schema = document["components"]!["schemas"]![schemaRef.Split('/')[^1]]!;

        Assert.Multiple(() =>
        {
            Assert.That(cursor?["in"]?.GetValue<string>(), Is.EqualTo("query"));
            Assert.That(cursor?["description"]?.GetValue<string>(), Does.Contain("nextCursor"));
            Assert.That(schema["properties"]!.AsObject().Select(p => p.Key), Does.Contain("nextCursor").And.Contain("next").And.Contain("totalCount"));
        });
    }
}
