using System.Text.Json;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Domain.Products;
using static Shop.Application.UnitTests.Support.Validation;

namespace Shop.Application.UnitTests.Products;

public class CreateProductValidatorTests
{
    private readonly CreateProductValidator _validator = new();

    private static CreateProduct Valid() => new() { Name = "MX Board", Price = 299m };

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Test]
    public void A_name_and_a_price_are_enough()
    {
        Assert.That(ErrorsOf(_validator, Valid()), Is.Empty);
    }

    [Test]
    public void A_full_body_is_valid()
    {
        var request = Valid() with
        {
            Slug = "mx-board",
            Description = "Tactile.",
            Status = ProductStatus.Published,
            CategoryId = 3,
            Tags = [new TagInput { Slug = "mechanical", Weight = 1000 }, new TagInput { Slug = "rgb", Weight = 1 }],
            Specs = Json("""{"switch":"brown","keys":104}"""),
        };

        Assert.That(ErrorsOf(_validator, request), Is.Empty);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void The_name_is_required(string? name)
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Name = name }), Does.ContainKey("name"));
    }

    [Test]
    public void The_name_may_have_120_characters_after_trimming()
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Name = "  " + new string('n', 120) + "  " }), Is.Empty);
    }

    [Test]
    public void The_name_may_not_have_121_characters()
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Name = new string('n', 121) }), Does.ContainKey("name"));
    }

    [Test]
    public void The_description_may_have_20000_characters_and_not_more()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(_validator, Valid() with { Description = new string('d', 20_000) }), Is.Empty);
            Assert.That(ErrorsOf(_validator, Valid() with { Description = new string('d', 20_001) }), Does.ContainKey("description"));
        });
    }

    [TestCase("MX-Board")]
    [TestCase("mx board")]
    [TestCase("mx_board")]
    [TestCase("")]
    [TestCase("café")]
    public void A_given_slug_must_be_well_formed(string slug)
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Slug = slug }), Does.ContainKey("slug"));
    }

    [Test]
    public void A_given_slug_may_not_exceed_140_characters()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(_validator, Valid() with { Slug = new string('a', 140) }), Is.Empty);
            Assert.That(ErrorsOf(_validator, Valid() with { Slug = new string('a', 141) }), Does.ContainKey("slug"));
        });
    }

    [Test]
    public void The_price_is_required()
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Price = null }), Does.ContainKey("price"));
    }

    [TestCase("0")]
    [TestCase("100000")]
    [TestCase("0.01")]
    [TestCase("199.9")]
    public void A_price_in_range_with_two_decimals_is_valid(string price)
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Price = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) }), Is.Empty);
    }

    [TestCase("-0.01")]
    [TestCase("100000.01")]
    [TestCase("1.001")]
    public void A_price_out_of_range_or_with_more_decimals_is_an_error_of_price(string price)
    {
        var errors = ErrorsOf(_validator, Valid() with { Price = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.That(errors.Keys, Is.EqualTo(new[] { "price" }));
    }

    [Test]
    public void An_undefined_status_is_an_error_of_status()
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Status = (ProductStatus)42 }), Does.ContainKey("status"));
    }

    [TestCase(0)]
    [TestCase(1001)]
    public void A_tag_weight_outside_1_to_1000_is_an_error_of_that_tag(int weight)
    {
        var request = Valid() with { Tags = [new TagInput { Slug = "rgb" }, new TagInput { Slug = "mechanical", Weight = weight }] };

        Assert.That(ErrorsOf(_validator, request), Does.ContainKey("tags[1].weight"));
    }

    [Test]
    public void A_tag_without_a_slug_is_an_error_of_that_tag()
    {
        var request = Valid() with { Tags = [new TagInput { Slug = "" }] };

        Assert.That(ErrorsOf(_validator, request), Does.ContainKey("tags[0].slug"));
    }

    [Test]
    public void A_tag_given_twice_is_an_error_of_tags()
    {
        var request = Valid() with { Tags = [new TagInput { Slug = "rgb" }, new TagInput { Slug = "rgb", Weight = 2 }] };

        Assert.That(ErrorsOf(_validator, request), Does.ContainKey("tags"));
    }

    [Test]
    public void A_null_tag_item_is_an_error_not_a_crash()
    {
        var request = Valid() with { Tags = [null!] };

        Assert.That(ErrorsOf(_validator, request), Does.ContainKey("tags[0]"));
    }

    [TestCase("[1,2]")]
    [TestCase("\"text\"")]
    [TestCase("42")]
    [TestCase("null")]
    public void Specs_that_are_not_an_object_are_an_error_of_specs(string json)
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Specs = Json(json) }), Does.ContainKey("specs"));
    }

    [Test]
    public void Specs_over_64_KiB_are_an_error_of_specs()
    {
        var big = Json("{\"a\":\"" + new string('x', ProductDetail.MaxSpecsBytes) + "\"}");

        Assert.That(ErrorsOf(_validator, Valid() with { Specs = big }), Does.ContainKey("specs"));
    }

    [Test]
    public void Every_failing_field_is_reported_at_once()
    {
        var request = new CreateProduct { Name = "", Price = -1m, Slug = "Bad Slug" };

        Assert.That(ErrorsOf(_validator, request).Keys, Is.EquivalentTo(new[] { "name", "price", "slug" }));
    }
}

public class ReplaceProductValidatorTests
{
    private readonly ReplaceProductValidator _validator = new();

    private static ReplaceProduct Valid() => new() { Id = 1, Name = "MX Board", Price = 299m };

    [Test]
    public void A_name_and_a_price_are_enough()
    {
        Assert.That(ErrorsOf(_validator, Valid()), Is.Empty);
    }

    [Test]
    public void The_name_and_the_price_are_required()
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Name = null, Price = null }).Keys, Is.EquivalentTo(new[] { "name", "price" }));
    }

    [Test]
    public void A_price_with_three_decimals_is_an_error_of_price()
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Price = 1.001m }), Does.ContainKey("price"));
    }

    [Test]
    public void A_given_status_must_be_defined()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(_validator, Valid() with { Status = ProductStatus.Archived }), Is.Empty);
            Assert.That(ErrorsOf(_validator, Valid() with { Status = (ProductStatus)9 }), Does.ContainKey("status"));
        });
    }

    [Test]
    public void A_given_slug_must_be_well_formed()
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Slug = "MX" }), Does.ContainKey("slug"));
    }

    [Test]
    public void A_tag_weight_of_zero_is_an_error_of_that_tag()
    {
        var request = Valid() with { Tags = [new TagInput { Slug = "rgb", Weight = 0 }] };

        Assert.That(ErrorsOf(_validator, request), Does.ContainKey("tags[0].weight"));
    }

    [Test]
    public void A_description_over_20000_characters_is_an_error_of_description()
    {
        Assert.That(ErrorsOf(_validator, Valid() with { Description = new string('d', 20_001) }), Does.ContainKey("description"));
    }
}

public class PatchProductValidatorTests
{
    private readonly PatchProductValidator _validator = new();

    [Test]
    public void A_description_over_20000_characters_is_an_error_of_description()
    {
        Assert.That(ErrorsOf(_validator, new PatchProduct { Id = 1, Description = new string('d', 20_001) }), Does.ContainKey("description"));
    }

    [Test]
    public void An_empty_patch_is_valid()
    {
        Assert.That(ErrorsOf(_validator, new PatchProduct { Id = 1 }), Is.Empty);
    }

    [Test]
    public void Absent_fields_are_not_validated()
    {
        // default(Optional<T>) is "absent": its default value (null name, 0 price) must not be checked.
        var request = new PatchProduct { Id = 1, Name = default, Price = default, Slug = default };

        Assert.That(ErrorsOf(_validator, request), Is.Empty);
    }

    [Test]
    public void A_present_name_must_not_be_blank()
    {
        Assert.That(ErrorsOf(_validator, new PatchProduct { Name = "  " }), Does.ContainKey("name"));
    }

    [Test]
    public void A_present_name_may_not_exceed_120_characters()
    {
        Assert.That(ErrorsOf(_validator, new PatchProduct { Name = new string('n', 121) }), Does.ContainKey("name"));
    }

    [TestCase("-0.01")]
    [TestCase("100000.01")]
    [TestCase("1.001")]
    public void A_present_price_must_be_in_range_with_two_decimals(string price)
    {
        var request = new PatchProduct { Price = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.That(ErrorsOf(_validator, request).Keys, Is.EqualTo(new[] { "price" }));
    }

    [Test]
    public void A_present_price_of_zero_is_valid()
    {
        Assert.That(ErrorsOf(_validator, new PatchProduct { Price = 0m }), Is.Empty);
    }

    [Test]
    public void A_present_slug_must_be_well_formed()
    {
        Assert.That(ErrorsOf(_validator, new PatchProduct { Slug = "Not A Slug" }), Does.ContainKey("slug"));
    }

    [Test]
    public void A_present_status_must_be_defined()
    {
        Assert.That(ErrorsOf(_validator, new PatchProduct { Status = (ProductStatus)7 }), Does.ContainKey("status"));
    }

    [Test]
    public void A_null_category_id_is_valid_because_it_clears_the_category()
    {
        Assert.That(ErrorsOf(_validator, new PatchProduct { CategoryId = new Optional<int?>(null) }), Is.Empty);
    }

    [Test]
    public void Present_tags_are_checked_item_by_item()
    {
        var request = new PatchProduct { Tags = new Optional<IReadOnlyList<TagInput>>([new TagInput { Slug = "rgb", Weight = 1001 }]) };

        Assert.That(ErrorsOf(_validator, request), Does.ContainKey("tags[0].weight"));
    }

    [Test]
    public void Present_specs_must_be_an_object()
    {
        var request = new PatchProduct { Specs = JsonDocument.Parse("[]").RootElement.Clone() };

        Assert.That(ErrorsOf(_validator, request), Does.ContainKey("specs"));
    }
}

public class AdjustProductPriceValidatorTests
{
    private readonly AdjustProductPriceValidator _validator = new();

    [TestCase("0.01")]
    [TestCase("-0.01")]
    [TestCase("-250")]
    [TestCase("99.5")]
    public void A_non_zero_amount_with_at_most_two_decimals_is_valid(string amount)
    {
        var request = new AdjustProductPrice { Id = 1, Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.That(ErrorsOf(_validator, request), Is.Empty);
    }

    [Test]
    public void The_amount_is_required()
    {
        Assert.That(ErrorsOf(_validator, new AdjustProductPrice { Id = 1 }), Does.ContainKey("amount"));
    }

    [TestCase("0")]
    [TestCase("0.00")]
    [TestCase("0.001")]
    [TestCase("-1.005")]
    public void A_zero_amount_or_one_with_more_than_two_decimals_is_an_error_of_amount(string amount)
    {
        var request = new AdjustProductPrice { Id = 1, Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.That(ErrorsOf(_validator, request).Keys, Is.EqualTo(new[] { "amount" }));
    }

    // API.md: the amount is a 400 only when zero or with more than 2 decimals; "a result below 0 or above
    // 100000 is 409". An amount that can only push the price out of range is that 409, not a 400.
    [TestCase("100000.01")]
    [TestCase("-150000")]
    public void An_amount_whose_result_leaves_the_range_is_not_a_validation_error(string amount)
    {
        var request = new AdjustProductPrice { Id = 1, Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.That(ErrorsOf(_validator, request), Is.Empty);
    }
}
