using System.Text.Json;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

public sealed class ProductStatsTests(string provider) : ApiTestBase(provider)
{
    [Test, Order(1)]
    public async Task Stats_with_no_visible_products_answer_zero_count_and_null_prices()
    {
        var stats = await ListAsync("/api/products/stats");

        Assert.Multiple(() =>
        {
            Assert.That(stats["count"]!.GetValue<int>(), Is.Zero);
            foreach (var price in new[] { "minPrice", "maxPrice", "avgPrice" })
                Assert.That(stats.ContainsKey(price) && stats[price] is null, Is.True, $"{price} is null in {stats.ToJsonString()}");
        });
    }

    [Test, Order(2)]
    public async Task Stats_count_and_average_over_what_the_caller_may_see()
    {
        var category = await CreateCategoryAsync();
        foreach (var price in new[] { 10m, 10.01m, 10.01m })
        {
            var body = ProductBody(price: price);
            body["categoryId"] = IdOf(category);
            await CreatePublishedProductAsync(body);
        }
        var draft = ProductBody(price: 99m);
        draft["categoryId"] = IdOf(category);
        await CreateProductAsync(draft);

        var anonymous = await ListAsync("/api/products/stats");
        var staff = await ListAsync("/api/products/stats", StaffToken);
        var visibleTotal = (await ListAsync("/api/products"))["totalCount"]!.GetValue<int>();

        var ours = anonymous["byCategory"]!.AsArray().Single(c => c!["slug"]!.GetValue<string>() == category["slug"]!.GetValue<string>())!;
        var oursForStaff = staff["byCategory"]!.AsArray().Single(c => c!["slug"]!.GetValue<string>() == category["slug"]!.GetValue<string>())!;
        Assert.Multiple(() =>
        {
            Assert.That(anonymous["count"]!.GetValue<int>(), Is.EqualTo(visibleTotal));
            Assert.That(anonymous["byStatus"]!["draft"]!.GetValue<int>(), Is.Zero, "anonymous callers see no drafts");
            Assert.That(staff["byStatus"]!["draft"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));
            Assert.That(ours["name"]!.GetValue<string>(), Is.EqualTo(category["name"]!.GetValue<string>()));
            Assert.That(ours["count"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(ours["avgPrice"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
            Assert.That(ours["avgPrice"]!.ToJsonString(), Is.EqualTo("10.01"), "10.00666… rounded half away from zero to 2 decimals");
            Assert.That(oursForStaff["count"]!.GetValue<int>(), Is.EqualTo(4));
            Assert.That(anonymous["minPrice"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
        });
    }
}
