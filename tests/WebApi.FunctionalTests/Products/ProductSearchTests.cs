using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>
/// Search (API <c>search</c>, the catalog's <c>q</c>, the back-office's search): every word, in any order, case- and
/// accent-insensitive, in the name or the description, literally; name matches first. Run on SQLite (FTS5 trigram
/// table) and PostgreSQL (trigram GIN index), which must find the same products.
/// </summary>
public sealed class ProductSearchTests(string provider) : ApiTestBase(provider)
{
    // Each test's products carry a marker of its own, so they find only their own products in the shared database.
    private static string Marker() => Unique("s").Substring(0, 14);

    private async Task<JsonObject> PublishedAsync(string name, string description = "")
    {
        var body = ProductBody(name);
        body["description"] = description;
        return await CreatePublishedProductAsync(body);
    }

    private async Task<List<int>> SearchAsync(string query, string? extra = null) =>
        Ids(await ListAsync($"/api/products?search={Uri.EscapeDataString(query)}{extra}"));

    [Test]
    public async Task Every_word_must_match_in_any_order()
    {
        var m = Marker();
        var board = await PublishedAsync($"MX Board {m}");
        await PublishedAsync($"MX Mouse {m}");

        Assert.Multiple(async () =>
        {
            Assert.That(await SearchAsync($"board mx {m}"), Is.EqualTo(new[] { IdOf(board) }));
            Assert.That(await SearchAsync($"{m} mx board"), Is.EqualTo(new[] { IdOf(board) }));
            Assert.That(await SearchAsync($"mx {m}"), Has.Count.EqualTo(2));
            Assert.That(await SearchAsync($"board keyboard {m}"), Is.Empty, "a word found nowhere excludes the product");
        });
    }

    [Test]
    public async Task Case_and_accents_are_ignored_both_ways()
    {
        var m = Marker();
        var cafe = await PublishedAsync($"Café Crème {m}");
        var plain = await PublishedAsync($"CAFE NOIR {m}");

        Assert.Multiple(async () =>
        {
            Assert.That(await SearchAsync($"cafe {m}"), Is.EquivalentTo(new[] { IdOf(cafe), IdOf(plain) }));
            Assert.That(await SearchAsync($"CAFÉ {m}"), Is.EquivalentTo(new[] { IdOf(cafe), IdOf(plain) }));
            Assert.That(await SearchAsync($"creme {m}"), Is.EqualTo(new[] { IdOf(cafe) }));
            Assert.That(await SearchAsync($"noír {m}"), Is.EqualTo(new[] { IdOf(plain) }));
        });
    }

    [Test]
    public async Task Words_match_in_the_name_or_the_description_and_name_matches_rank_first()
    {
        var m = Marker();
        // The description-only match is the newest, so without ranking it would come first.
        var inName = await PublishedAsync($"Walnut desk {m}", "Solid wood.");
        var inDescription = await PublishedAsync($"Office table {m}", "Made of walnut, oiled.");

        Assert.Multiple(async () =>
        {
            Assert.That(await SearchAsync($"walnut {m}"), Is.EqualTo(new[] { IdOf(inName), IdOf(inDescription) }));
            Assert.That(await SearchAsync($"oiled {m}"), Is.EqualTo(new[] { IdOf(inDescription) }));
            Assert.That(await SearchAsync($"walnut {m}", "&ordering=-createdAt"), Is.EqualTo(new[] { IdOf(inDescription), IdOf(inName) }),
                "an explicit ordering wins over relevance");
        });
    }

    [Test]
    public async Task Short_words_and_parts_of_words_match()
    {
        var m = Marker();
        var usb = await PublishedAsync($"USB-C hub {m}", "4 ports");

        Assert.Multiple(async () =>
        {
            Assert.That(await SearchAsync($"c {m}"), Is.EqualTo(new[] { IdOf(usb) }), "one letter");
            Assert.That(await SearchAsync($"4 {m}"), Is.EqualTo(new[] { IdOf(usb) }), "one digit, in the description");
            Assert.That(await SearchAsync($"us {m}"), Is.EqualTo(new[] { IdOf(usb) }), "two letters");
            Assert.That(await SearchAsync($"sb-c {m}"), Is.EqualTo(new[] { IdOf(usb) }), "inside a word");
        });
    }

    [Test]
    public async Task Wildcard_characters_in_a_query_are_taken_literally()
    {
        var m = Marker();
        var percent = await PublishedAsync($"Sale 50% {m}");
        await PublishedAsync($"Sale 500 {m}");
        var underscore = await PublishedAsync($"snake_case {m}");
        await PublishedAsync($"snakeXcase {m}");
        var star = await PublishedAsync($"Rated 5* [best] {m}");

        Assert.Multiple(async () =>
        {
            Assert.That(await SearchAsync($"50% {m}"), Is.EqualTo(new[] { IdOf(percent) }));
            Assert.That(await SearchAsync($"snake_case {m}"), Is.EqualTo(new[] { IdOf(underscore) }));
            Assert.That(await SearchAsync($"5* {m}"), Is.EqualTo(new[] { IdOf(star) }));
            Assert.That(await SearchAsync($"[best] {m}"), Is.EqualTo(new[] { IdOf(star) }));
            Assert.That(await SearchAsync($"% {m}"), Is.EqualTo(new[] { IdOf(percent) }));
        });
    }

    [Test]
    public async Task A_renamed_or_redescribed_product_is_found_by_its_new_text_only()
    {
        var m = Marker();
        var product = await PublishedAsync($"Old name {m}", "first text");
        using (var response = await SendAsync(HttpMethod.Patch, $"/api/products/{IdOf(product)}",
                   new JsonObject { ["name"] = $"Fresh title {m}", ["description"] = "second text" }, StaffToken, contentType: MergePatch))
            await ReadObjectAsync(response, System.Net.HttpStatusCode.OK);

        Assert.Multiple(async () =>
        {
            Assert.That(await SearchAsync($"fresh {m}"), Is.EqualTo(new[] { IdOf(product) }));
            Assert.That(await SearchAsync($"second {m}"), Is.EqualTo(new[] { IdOf(product) }));
            Assert.That(await SearchAsync($"old {m}"), Is.Empty);
            Assert.That(await SearchAsync($"first {m}"), Is.Empty);
        });
    }

    [Test]
    public async Task A_deleted_product_is_not_found()
    {
        var m = Marker();
        var product = await PublishedAsync($"Short lived {m}");
        using (var response = await SendAsync(HttpMethod.Delete, $"/api/products/{IdOf(product)}", null, StaffToken))
            Assert.That((int)response.StatusCode, Is.EqualTo(204));

        Assert.That(await SearchAsync($"lived {m}"), Is.Empty);
    }

    [Test]
    public async Task The_catalog_page_searches_the_same_way()
    {
        var m = Marker();
        await PublishedAsync($"Crème Brûlée Torch {m}");
        await PublishedAsync($"Gas Torch {m}");

        using var page = await GetAsync($"/?q={Uri.EscapeDataString($"torch creme {m}")}");
        var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain($"Brûlée Torch {m}"));
            Assert.That(html, Does.Not.Contain($"Gas Torch {m}"));
        });
    }
}
