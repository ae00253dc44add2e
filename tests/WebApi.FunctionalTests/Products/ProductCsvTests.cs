using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Shop.WebApi.Cli;
using Shop.WebApi.FunctionalTests.Infrastructure;
using Shop.WebApi.Web;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>export.csv over HTTP, and the round trip through <c>import-products</c> into an empty catalog.</summary>
public sealed class ProductCsvTests(string provider) : ApiTestBase(provider)
{
    private async Task<string> ExportAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/products/export.csv");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return text;
    }

    private static async Task<List<string>> CatalogOf(string csv)
    {
        // What makes the catalog the same: everything but ids and the timestamps the database sets.
        var rows = new List<string>();
        await foreach (var r in ProductCsv.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv))))
        {
            Assert.That(r.UnreadableFields, Is.Empty, $"line {r.Line}");
            rows.Add(string.Join(" | ", r.Slug, r.Name, r.Description, r.Price, r.IsActive, r.Status, r.Category,
                string.Join(",", r.Tags.Select(t => $"{t.Slug}:{t.Weight}")), r.Specs.ValueKind == default ? "" : r.Specs.GetRawText()));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    [Test]
    public async Task Export_is_an_attachment_in_utf8_csv()
    {
        await CreateProductAsync();

        using var response = await GetAsync("/api/products/export.csv", StaffToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/csv; charset=utf-8"));
            Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(response.Content.Headers.ContentDisposition?.FileName, Does.Contain("products.csv"));
        });
        var header = (await response.Content.ReadAsStringAsync()).Split('\n')[0].TrimEnd('\r');
        Assert.That(header, Is.EqualTo(string.Join(',', ProductCsv.Columns)));
    }

    [Test]
    public async Task Text_cells_that_a_spreadsheet_would_run_as_formulas_are_prefixed_with_a_quote()
    {
        var body = ProductBody(Unique("=HYPERLINK(\"http://evil\")"));
        body["description"] = "@SUM(1+1)";
        var product = await CreateProductAsync(body);

        var csv = await ExportAsync(Client, StaffToken);

        var line = csv.Split('\n').Single(l => l.StartsWith(product["id"]!.ToString() + ",", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain("\"'=HYPERLINK(\"\"http://evil\"\")"));
            Assert.That(line, Does.Contain(",'@SUM(1+1),"));
            Assert.That(line, Does.Not.Contain(",=").And.Not.Contain(",@"));
        });
    }

    [Test]
    public async Task An_export_imported_into_an_empty_catalog_gives_back_the_same_catalog()
    {
        var category = await CreateCategoryAsync(Unique("Round trip "));
        var tagA = await CreateTagAsync(Unique("ta"));
        var tagB = await CreateTagAsync(Unique("tb"));
        var rich = ProductBody(Unique("Rich, \"quoted\" "));
        rich["description"] = "Line one\nline two, with a comma\r\n- and a dash line";
        rich["categoryId"] = IdOf(category);
        rich["tags"] = new JsonArray(new JsonObject { ["slug"] = tagA["slug"]!.GetValue<string>(), ["weight"] = 3 },
            new JsonObject { ["slug"] = tagB["slug"]!.GetValue<string>(), ["weight"] = 1 });
        rich["specs"] = new JsonObject { ["switch"] = "brown", ["keys"] = 87, ["nested"] = new JsonObject { ["ok"] = true } };
        rich["price"] = 199.99m;
        await CreatePublishedProductAsync(rich);
        var formula = ProductBody("-" + Unique("minus "));
        formula["description"] = "'already quoted";
        formula["isActive"] = false;
        await CreateProductAsync(formula);
        var archived = ProductBody(Unique("Café Crème ✓ "));
        archived["status"] = "archived";
        await CreateProductAsync(archived);
        var exported = await ExportAsync(Client, StaffToken);

        await using var target = await ShopFactory.StartAsync(Provider);
        using var targetClient = target.CreateApiClient();
        var staff = Unique("staff");
        await target.CreateUserAsync(staff, Password, isStaff: true);
        var token = await SignInOnAsync(targetClient, staff);
        foreach (var (path, name) in new[] { ("/api/categories", category["name"]!), ("/api/tags", tagA["name"]!), ("/api/tags", tagB["name"]!) })
        {
            using var created = await PostAsync(targetClient, path, new JsonObject { ["name"] = name.GetValue<string>() }, token);
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }
        var file = Path.Combine(Path.GetTempPath(), $"shop-export-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, exported);
        try
        {
            var exit = await CommandLine.RunAsync(target.Services, ["import-products", file]);
            Assert.That(exit, Is.EqualTo(CommandLine.Ok));
        }
        finally
        {
            File.Delete(file);
        }

        var reexported = await ExportAsync(targetClient, token);
        Assert.That(await CatalogOf(reexported), Is.EqualTo(await CatalogOf(exported)));
        Assert.That(await CatalogOf(exported), Has.Count.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task Importing_the_same_export_again_updates_by_slug_and_creates_nothing()
    {
        await CreateProductAsync();
        var exported = await ExportAsync(Client, StaffToken);
        var before = (await ListAsync("/api/products?pageSize=1", StaffToken))["totalCount"]!.GetValue<int>();
        var file = Path.Combine(Path.GetTempPath(), $"shop-export-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, exported);
        try
        {
            Assert.That(await CommandLine.RunAsync(Factory.Services, ["import-products", file]), Is.EqualTo(CommandLine.Ok));
        }
        finally
        {
            File.Delete(file);
        }

        Assert.That((await ListAsync("/api/products?pageSize=1", StaffToken))["totalCount"]!.GetValue<int>(), Is.EqualTo(before));
    }

    private static async Task<string> SignInOnAsync(HttpClient client, string userName)
    {
        using var response = await PostAsync(client, "/api/token", new JsonObject { ["username"] = userName, ["password"] = Password }, null);
        return (await ReadObjectAsync(response, HttpStatusCode.OK))["access"]!.GetValue<string>();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, JsonNode body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}

/// <summary>The bulk rules beyond the contract file: limits, item-keyed errors of every kind, auto slugs.</summary>
public sealed class ProductBulkRulesTests(string provider) : ApiTestBase(provider)
{
    private Task<HttpResponseMessage> BulkAsync(JsonNode body) => SendAsync(HttpMethod.Post, "/api/products/bulk", body, StaffToken);

    [Test]
    public async Task A_thousand_items_are_created_and_a_thousand_and_one_are_refused()
    {
        var marker = Unique("k");
        using (var tooMany = await BulkAsync(new JsonArray(Enumerable.Range(0, 1001).Select(i => (JsonNode)ProductBody($"{marker} x{i}")).ToArray())))
            await AssertProblemAsync(tooMany, HttpStatusCode.BadRequest);

        using var response = await BulkAsync(new JsonArray(Enumerable.Range(0, 1000).Select(i => (JsonNode)ProductBody($"{marker} {i}")).ToArray()));

        var created = await ReadObjectAsync(response, HttpStatusCode.Created);
        Assert.That(created["items"]!.AsArray(), Has.Count.EqualTo(1000));
        Assert.That((await ListAsync($"/api/products?search={marker}", StaffToken))["totalCount"]!.GetValue<int>(), Is.EqualTo(1000));
    }

    [Test]
    public async Task A_value_of_the_wrong_type_is_keyed_by_its_item()
    {
        var bad = ProductBody();
        bad["price"] = "ten";

        using var response = await BulkAsync(new JsonArray(ProductBody(), bad));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "[1].price");
    }

    [Test]
    public async Task A_name_held_by_an_active_product_is_409_keyed_by_the_item()
    {
        var existing = await CreateProductAsync();

        using var response = await BulkAsync(new JsonArray(ProductBody(), ProductBody(existing["name"]!.GetValue<string>().ToUpperInvariant())));

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "[1].name");
    }

    [Test]
    public async Task A_given_slug_already_taken_is_409_keyed_by_the_item_and_an_unknown_category_400()
    {
        var existing = await CreateProductAsync();
        var taken = ProductBody();
        taken["slug"] = existing["slug"]!.GetValue<string>();
        using (var conflict = await BulkAsync(new JsonArray(taken)))
            await AssertProblemAsync(conflict, HttpStatusCode.Conflict, "[0].slug");

        var unknown = ProductBody();
        unknown["categoryId"] = 987654;
        using var response = await BulkAsync(new JsonArray(ProductBody(), unknown));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "[1].categoryId");
    }

    [Test]
    public async Task Automatic_slugs_are_unique_within_the_batch_and_against_the_catalog()
    {
        var name = Unique("Same ");
        var existing = await CreateProductAsync(ProductBody(name));
        var inactive = ProductBody(name);
        inactive["isActive"] = false;
        var inactiveToo = ProductBody(name);
        inactiveToo["isActive"] = false;

        using var response = await BulkAsync(new JsonArray(inactive, inactiveToo));

        var items = (await ReadObjectAsync(response, HttpStatusCode.Created))["items"]!.AsArray();
        var slug = existing["slug"]!.GetValue<string>();
        Assert.That(items.Select(i => i!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { slug + "-2", slug + "-3" }));
    }
}
