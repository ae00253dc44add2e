using Shop.Application.Products.Queries;
using static Shop.Application.UnitTests.Support.Validation;

namespace Shop.Application.UnitTests.Products;

public class ListProductsValidatorTests
{
    private readonly ListProductsValidator _validator = new();

    [Test]
    public void The_defaults_are_valid()
    {
        Assert.That(ErrorsOf(_validator, new ListProducts()), Is.Empty);
    }

    [Test]
    public void Every_filter_at_once_is_valid()
    {
        var request = new ListProducts("board", "keyboards", "rgb", 10m, 500m, "published", true, "-price", 3, 100);

        Assert.That(ErrorsOf(_validator, request), Is.Empty);
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void A_page_below_1_is_an_error_of_page(int page)
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(Page: page)).Keys, Is.EqualTo(new[] { "page" }));
    }

    [TestCase(0)]
    [TestCase(101)]
    public void A_page_size_outside_1_to_100_is_an_error_of_page_size(int pageSize)
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(PageSize: pageSize)).Keys, Is.EqualTo(new[] { "pageSize" }));
    }

    [TestCase(1)]
    [TestCase(100)]
    public void A_page_size_of_1_to_100_is_valid(int pageSize)
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(PageSize: pageSize)), Is.Empty);
    }

    [TestCase("name")]
    [TestCase("-name")]
    [TestCase("price")]
    [TestCase("-price")]
    [TestCase("createdAt")]
    [TestCase("-createdAt")]
    public void Each_documented_ordering_is_valid(string ordering)
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(Ordering: ordering)), Is.Empty);
    }

    [TestCase("status")]
    [TestCase("-status")]
    [TestCase("isActive")]
    [TestCase("-isActive")]
    [TestCase("category")]
    [TestCase("-category")]
    public void Each_back_office_ordering_passes_the_validator_which_leaves_who_may_use_it_to_the_handler(string ordering)
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(Ordering: ordering)), Is.Empty);
    }

    [TestCase("cost")]
    [TestCase("Status")]
    [TestCase("--status")]
    [TestCase("Price")]
    [TestCase("id")]
    [TestCase("")]
    public void Any_other_ordering_is_an_error_of_ordering(string ordering)
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(Ordering: ordering)).Keys, Is.EqualTo(new[] { "ordering" }));
    }

    [TestCase("draft")]
    [TestCase("published")]
    [TestCase("archived")]
    public void Each_status_is_valid(string status)
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(Status: status)), Is.Empty);
    }

    [TestCase("deleted")]
    [TestCase("1")]
    [TestCase("")]
    public void Any_other_status_is_an_error_of_status(string status)
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(Status: status)).Keys, Is.EqualTo(new[] { "status" }));
    }

    [Test]
    public void A_min_price_above_the_max_price_is_an_error_of_max_price()
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(MinPrice: 500m, MaxPrice: 100m)).Keys, Is.EqualTo(new[] { "maxPrice" }));
    }

    [Test]
    public void Equal_min_and_max_prices_are_valid()
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(MinPrice: 100m, MaxPrice: 100m)), Is.Empty);
    }

    [Test]
    public void A_negative_min_price_is_an_error_of_min_price()
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(MinPrice: -1m)).Keys, Is.EqualTo(new[] { "minPrice" }));
    }

    [TestCase("-1")]
    [TestCase("100000.01")]
    public void A_max_price_out_of_range_is_an_error_of_max_price_on_its_own(string maxPrice)
    {
        var request = new ListProducts(MaxPrice: decimal.Parse(maxPrice, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(ErrorsOf(_validator, request).Keys, Is.EqualTo(new[] { "maxPrice" }));
    }

    [Test]
    public void A_search_longer_than_200_characters_is_an_error_of_search()
    {
        Assert.That(ErrorsOf(_validator, new ListProducts(Search: new string('s', 201))).Keys, Is.EqualTo(new[] { "search" }));
    }

    [Test]
    public void All_bad_values_are_reported_together()
    {
        var request = new ListProducts(Status: "gone", Ordering: "cost", Page: 0, PageSize: 101);

        Assert.That(ErrorsOf(_validator, request).Keys, Is.EquivalentTo(new[] { "page", "pageSize", "ordering", "status" }));
    }
}
