using Shop.Application.Products.Queries;
using Shop.Application.UnitTests.Support;

namespace Shop.Application.UnitTests.Products;

public class ProductStatsHandlerTests
{
    [Test]
    public async Task Stats_of_nothing_have_zero_count_and_no_prices()
    {
        var stats = await new GetProductStatsHandler(new InMemoryCatalogReadStore(), TestUser.Anonymous).Handle(new GetProductStats(), CancellationToken.None);

        Assert.That((stats.Count, stats.MinPrice, stats.MaxPrice, stats.AvgPrice), Is.EqualTo((0, (decimal?)null, (decimal?)null, (decimal?)null)));
        Assert.That(stats.ByCategory, Is.Empty);
    }

    [Test]
    public async Task Stats_cover_only_what_the_caller_may_see_and_round_averages_half_away_from_zero()
    {
        var keyboards = A.Category("Keyboards", 1);
        var store = new InMemoryCatalogReadStore().With(
            A.Product.WithId(1).Named("a").Priced(10m).Published().InCategory(keyboards).Build(),
            A.Product.WithId(2).Named("b").Priced(10.01m).Published().InCategory(keyboards).Build(),
            A.Product.WithId(3).Named("c").Priced(10.01m).Published().InCategory(keyboards).Build(),
            A.Product.WithId(4).Named("hidden").Priced(99m).InCategory(keyboards).Build());

        var anonymous = await new GetProductStatsHandler(store, TestUser.Anonymous).Handle(new GetProductStats(), CancellationToken.None);
        var staff = await new GetProductStatsHandler(store, TestUser.Staff).Handle(new GetProductStats(), CancellationToken.None);

        Assert.That((anonymous.Count, anonymous.MinPrice, anonymous.MaxPrice, anonymous.AvgPrice), Is.EqualTo((3, 10m, 10.01m, 10.01m)));
        Assert.That(anonymous.ByStatus, Is.EqualTo(new StatusCountsDto(0, 3, 0)));
        Assert.That(anonymous.ByCategory, Is.EqualTo(new[] { new CategoryStatsDto("keyboards", "Keyboards", 3, 10.01m) }));
        Assert.That((staff.Count, staff.ByStatus.Draft, staff.MaxPrice), Is.EqualTo((4, 1, 99m)));
    }
}
