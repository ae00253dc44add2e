using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

public sealed class ProductPriceChangeTests(string provider) : ApiTestBase(provider)
{
    private const string Url = "/api/products/price-changes";

    /// <summary>Products named after a marker of their own, so the search filter picks exactly them.</summary>
    private async Task<(string Marker, List<int> Ids)> ProductsAsync(params decimal[] prices)
    {
        var marker = Unique("pc");
        var ids = new List<int>();
        foreach (var price in prices) ids.Add(IdOf(await CreateProductAsync(ProductBody($"{marker} {ids.Count}", price))));
        return (marker, ids);
    }

    private async Task<decimal> PriceAsync(int id) => (await GetProductAsStaffAsync(id))["price"]!.GetValue<decimal>();

    [Test]
    public async Task Preview_answers_the_count_and_a_sample_before_and_after_and_writes_nothing()
    {
        var (marker, ids) = await ProductsAsync(19.99m, 100m);

        using var response = await SendAsync(HttpMethod.Post, Url, new { search = marker, percent = -15, preview = true }, StaffToken);

        var answer = await ReadObjectAsync(response, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(answer["count"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(answer["applied"]!.GetValue<bool>(), Is.False);
            Assert.That(answer["outOfRange"]!.GetValue<int>(), Is.Zero);
            var first = answer["sample"]!.AsArray()[0]!;
            Assert.That(IdOf(first), Is.EqualTo(ids[0]), "the sample is in id order");
            Assert.That(first["before"]!.GetValue<decimal>(), Is.EqualTo(19.99m));
            Assert.That(first["after"]!.GetValue<decimal>(), Is.EqualTo(16.99m), "16.9915 rounded to 2 decimals");
        });
        Assert.That(await PriceAsync(ids[0]), Is.EqualTo(19.99m), "a preview writes nothing");
    }

    [Test]
    public async Task Applying_changes_every_matching_price_and_no_other()
    {
        var (marker, ids) = await ProductsAsync(19.99m, 0.05m, 100m);
        var other = IdOf(await CreateProductAsync(ProductBody(Unique("untouched "), 50m)));

        using var response = await SendAsync(HttpMethod.Post, Url, new { search = marker, percent = 10 }, StaffToken);

        var answer = await ReadObjectAsync(response, HttpStatusCode.OK);
        Assert.That(answer["count"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(answer["applied"]!.GetValue<bool>(), Is.True);
        Assert.That(answer["sample"]!.AsArray().Select(s => s!["after"]!.GetValue<decimal>()), Is.EqualTo(new[] { 21.99m, 0.06m, 110m }));
        Assert.That(new[] { await PriceAsync(ids[0]), await PriceAsync(ids[1]), await PriceAsync(ids[2]) }, Is.EqualTo(new[] { 21.99m, 0.06m, 110m }));
        Assert.That(await PriceAsync(other), Is.EqualTo(50m));
    }

    [Test]
    public async Task Each_changed_product_records_the_change_in_its_history_and_a_refused_change_records_none()
    {
        var (marker, ids) = await ProductsAsync(19.99m, 5m);

        using (var applied = await SendAsync(HttpMethod.Post, Url, new { search = marker, percent = 10 }, StaffToken))
            Assert.That(applied.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var refused = await SendAsync(HttpMethod.Post, Url, new { search = marker, amount = -10 }, StaffToken))
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));

        var latest = new List<string>();
        foreach (var id in ids)
        {
            using var history = await GetAsync($"/api/products/{id}/history", StaffToken);
            var entry = (await ReadObjectAsync(history, HttpStatusCode.OK))["items"]!.AsArray()[0]!;
            latest.Add($"{entry["action"]} {entry["changes"]!.ToJsonString()}");
        }
        Assert.That(latest, Is.EqualTo(new[]
        {
            """price-changed [{"field":"price","old":19.99,"new":21.99}]""",
            """price-changed [{"field":"price","old":5,"new":5.5}]""",
        }));
    }

    [Test]
    public async Task The_list_filters_pick_the_products()
    {
        var (marker, ids) = await ProductsAsync(10m, 20m, 30m);

        using var response = await SendAsync(HttpMethod.Post, Url, new { search = marker, minPrice = 15, maxPrice = 25, amount = -5 }, StaffToken);

        Assert.That((await ReadObjectAsync(response, HttpStatusCode.OK))["count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(new[] { await PriceAsync(ids[0]), await PriceAsync(ids[1]), await PriceAsync(ids[2]) }, Is.EqualTo(new[] { 10m, 15m, 30m }));
    }

    [Test]
    public async Task A_price_that_would_leave_the_range_refuses_the_whole_change_with_409()
    {
        var (marker, ids) = await ProductsAsync(5m, 50m);

        using var preview = await SendAsync(HttpMethod.Post, Url, new { search = marker, amount = -10, preview = true }, StaffToken);
        Assert.That((await ReadObjectAsync(preview, HttpStatusCode.OK))["outOfRange"]!.GetValue<int>(), Is.EqualTo(1));

        using var response = await SendAsync(HttpMethod.Post, Url, new { search = marker, amount = -10 }, StaffToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict, "amount");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("1 of 2").And.Contain($"{marker} 0"));
        Assert.That(new[] { await PriceAsync(ids[0]), await PriceAsync(ids[1]) }, Is.EqualTo(new[] { 5m, 50m }), "nothing written");
    }

    [TestCase("""{"amount":1,"percent":1}""", "percent")]
    [TestCase("""{"preview":true}""", "amount")]
    [TestCase("""{"amount":"ten"}""", "amount")]
    [TestCase("""{"amount":0.001}""", "amount")]
    [TestCase("""{"percent":-101}""", "percent")]
    [TestCase("""{"percent":5,"minPrice":-1}""", "minPrice")]
    [TestCase("""{"percent":5,"status":"gone"}""", "status")]
    [TestCase("""{"percent":5,"preview":"yes"}""", "preview")]
    public async Task Bad_input_is_400_keyed_by_the_field(string body, string key)
    {
        using var response = await SendAsync(HttpMethod.Post, Url, body, StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, key);
    }

    [Test]
    public async Task An_unknown_property_is_400()
    {
        using var response = await SendAsync(HttpMethod.Post, Url, """{"percent":5,"serach":"x"}""", StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Changing_prices_needs_staff()
    {
        using var anonymous = await SendAsync(HttpMethod.Post, Url, new { percent = 5 });
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        using var user = await SendAsync(HttpMethod.Post, Url, new { percent = 5 }, UserToken);
        await AssertProblemAsync(user, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Bulk_changes_racing_single_adjustments_lose_no_update()
    {
        var (marker, ids) = await ProductsAsync(100m);
        var bulk = Enumerable.Range(0, 5).Select(async _ =>
        {
            using var r = await SendAsync(HttpMethod.Post, Url, new { search = marker, amount = 1 }, StaffToken);
            return (r.StatusCode, (await r.Content.ReadAsStringAsync()));
        });
        var single = Enumerable.Range(0, 5).Select(async _ =>
        {
            using var r = await SendAsync(HttpMethod.Post, $"/api/products/{ids[0]}/price-adjustments", new { amount = 2 }, StaffToken);
            return (r.StatusCode, (await r.Content.ReadAsStringAsync()));
        });

        var answers = await Task.WhenAll(bulk.Concat(single));

        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.OK), string.Join("\n", answers.Select(a => a.Item2)));
        Assert.That(answers.Take(5).Select(a => JsonNode.Parse(a.Item2)!["count"]!.GetValue<int>()), Is.All.EqualTo(1),
            "identical requests at once each get the answer one request gets");
        Assert.That(await PriceAsync(ids[0]), Is.EqualTo(100m + 5 * 1 + 5 * 2));
    }
}
