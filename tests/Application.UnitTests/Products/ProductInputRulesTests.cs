using System.Text.Json;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Domain.Products;
using static Shop.Application.UnitTests.Support.Validation;

namespace Shop.Application.UnitTests.Products;

/// <summary>
/// Create, replace, a bulk item, an import row and the web form all send a <see cref="ProductInput"/>: the same bad
/// fields get the same refusals from each, because there is one rule set.
/// </summary>
public class ProductInputRulesTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static readonly (string Case, Func<ProductInput, ProductInput> Spoil, string Field)[] BadFields =
    [
        ("no name", i => i with { Name = null }, "name"),
        ("blank name", i => i with { Name = "  " }, "name"),
        ("long description", i => i with { Description = new string('d', Product.DescriptionMaxLength + 1) }, "description"),
        ("bad slug", i => i with { Slug = "Not A Slug" }, "slug"),
        ("no price", i => i with { Price = null }, "price"),
        ("three decimals", i => i with { Price = 1.001m }, "price"),
        ("undefined status", i => i with { Status = (ProductStatus)42 }, "status"),
        ("tag weight 0", i => i with { Tags = [new TagInput { Slug = "t", Weight = 0 }] }, "tags[0].weight"),
        ("specs array", i => i with { Specs = Json("[1]") }, "specs"),
        ("NUL in name", i => i with { Name = "a\0b" }, "name"),
    ];

    private static IEnumerable<TestCaseData> Cases() => BadFields.Select(b => new TestCaseData(b.Spoil, b.Field).SetArgDisplayNames(b.Case));

    private static IReadOnlyDictionary<string, string[]> ErrorsOfEveryWrite(Func<ProductInput, ProductInput> spoil)
    {
        var create = (CreateProduct)spoil(new CreateProduct { Name = "Lamp", Price = 5m });
        var replace = (ReplaceProduct)spoil(new ReplaceProduct { Id = 1, Name = "Lamp", Price = 5m });
        var row = (ProductImportRow)spoil(new ProductImportRow { Line = 2, Name = "Lamp", Slug = "lamp", Price = 5m });

        var fromCreate = ErrorsOf(new CreateProductValidator(), create);
        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(new ReplaceProductValidator(), replace), Is.EqualTo(fromCreate), "replace");
            Assert.That(ErrorsOf(new ProductImportRowValidator(), row), Is.EqualTo(fromCreate), "import row");
            var bulk = ErrorsOf(new BulkCreateProductsValidator(), new BulkCreateProducts([create]));
            Assert.That(bulk.ToDictionary(e => e.Key.Substring("[0].".Length), e => e.Value), Is.EqualTo(fromCreate), "bulk item");
        });
        return fromCreate;
    }

    [TestCaseSource(nameof(Cases))]
    public void Every_full_write_refuses_a_bad_field_the_same_way(Func<ProductInput, ProductInput> spoil, string field)
    {
        var errors = ErrorsOfEveryWrite(spoil);

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { field }));
    }

    [Test]
    public void Unreadable_fields_are_reported_with_the_other_fields_refusals()
    {
        var create = new CreateProduct
        {
            Name = "",
            UnreadableFields = new Dictionary<string, string> { ["price"] = "Enter the price as a number.", ["specs"] = "Not JSON." },
        };

        var errors = ErrorsOf(new CreateProductValidator(), create);

        Assert.Multiple(() =>
        {
            Assert.That(errors.Keys, Is.EquivalentTo(new[] { "name", "price", "specs" }));
            Assert.That(errors["price"], Is.EqualTo(new[] { "Enter the price as a number." }), "an unreadable price is not also 'required'");
        });
    }

    [Test]
    public void A_write_with_an_unreadable_field_is_refused_even_when_everything_else_is_valid()
    {
        var replace = new ReplaceProduct
        {
            Id = 1,
            Name = "Lamp",
            Price = 5m,
            UnreadableFields = new Dictionary<string, string> { ["isActive"] = "Tick the box or leave it empty." },
        };

        Assert.That(ErrorsOf(new ReplaceProductValidator(), replace).Keys, Is.EquivalentTo(new[] { "isActive" }));
    }

    [Test]
    public void An_import_row_must_name_its_slug()
    {
        var row = new ProductImportRow { Line = 2, Name = "Lamp", Price = 5m };

        Assert.That(ErrorsOf(new ProductImportRowValidator(), row), Does.ContainKey("slug"));
    }
}
