using Shop.Domain.Common;
using Shop.Domain.Products;

namespace Shop.Domain.UnitTests.Products;

public class ProductCreationTests
{
    [Test]
    public void Create_sets_the_given_fields_and_sensible_defaults()
    {
        var product = new ProductBuilder().Named("MX Board").WithSlug("mx-board").Priced(299m).Build();

        Assert.Multiple(() =>
        {
            Assert.That(product.Name, Is.EqualTo("MX Board"));
            Assert.That(product.Slug, Is.EqualTo("mx-board"));
            Assert.That(product.Price, Is.EqualTo(299m));
            Assert.That(product.Status, Is.EqualTo(ProductStatus.Draft));
            Assert.That(product.IsActive, Is.True);
            Assert.That(product.Description, Is.Empty);
            Assert.That(product.PublishedAt, Is.Null);
            Assert.That(product.CreatedAt, Is.EqualTo(ProductBuilder.CreatedAt));
            Assert.That(product.UpdatedAt, Is.EqualTo(ProductBuilder.CreatedAt));
            Assert.That(product.Version, Is.EqualTo(1));
            Assert.That(product.Category, Is.Null);
            Assert.That(product.CategoryId, Is.Null);
            Assert.That(product.Tags, Is.Empty);
            Assert.That(product.Images, Is.Empty);
            Assert.That(product.Detail.SpecsJson, Is.EqualTo("{}"));
        });
    }

    [Test]
    public void Create_published_sets_published_at_to_now()
    {
        var product = new ProductBuilder().In(ProductStatus.Published).Build();

        Assert.That(product.PublishedAt, Is.EqualTo(ProductBuilder.CreatedAt));
    }

    [Test]
    public void Create_trims_the_name()
    {
        var product = new ProductBuilder().Named("  MX Board \t").Build();

        Assert.That(product.Name, Is.EqualTo("MX Board"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void Create_rejects_an_empty_name(string? name)
    {
        Assert.That(() => new ProductBuilder().Named(name!).Build(),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("name"));
    }

    [Test]
    public void Create_accepts_a_name_of_120_characters()
    {
        var product = new ProductBuilder().Named(new string('n', 120)).Build();

        Assert.That(product.Name, Has.Length.EqualTo(120));
    }

    [Test]
    public void Create_rejects_a_name_longer_than_120_characters()
    {
        Assert.That(() => new ProductBuilder().Named(new string('n', 121)).Build(),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("name"));
    }

    [Test]
    public void Create_counts_the_name_length_after_trimming()
    {
        var product = new ProductBuilder().Named("  " + new string('n', 120) + "  ").Build();

        Assert.That(product.Name, Has.Length.EqualTo(120));
    }

    [TestCase("")]
    [TestCase("MX-Board")]
    [TestCase("mx board")]
    [TestCase("mx_board")]
    [TestCase("café")]
    public void Create_rejects_an_invalid_slug(string slug)
    {
        Assert.That(() => new ProductBuilder().WithSlug(slug).Build(),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("slug"));
    }

    [Test]
    public void Create_rejects_a_slug_longer_than_140_characters()
    {
        Assert.That(() => new ProductBuilder().WithSlug(new string('a', 141)).Build(),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("slug"));
    }

    [TestCase("0")]
    [TestCase("0.01")]
    [TestCase("199.9")]
    [TestCase("299.99")]
    [TestCase("100000")]
    [TestCase("100000.00")]
    public void Create_accepts_a_price_from_0_to_100000_with_at_most_2_decimals(string price)
    {
        var value = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);

        var product = new ProductBuilder().Priced(value).Build();

        Assert.That(product.Price, Is.EqualTo(value));
    }

    [TestCase("-0.01")]
    [TestCase("-1")]
    [TestCase("100000.01")]
    [TestCase("1000000")]
    [TestCase("1.001")]
    [TestCase("0.005")]
    public void Create_rejects_a_price_out_of_range_or_with_more_than_2_decimals(string price)
    {
        var value = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(() => new ProductBuilder().Priced(value).Build(),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("price"));
    }

    [Test]
    public void ChangePrice_refused_leaves_the_price_unchanged()
    {
        var product = new ProductBuilder().Priced(10m).Build();

        Assert.Multiple(() =>
        {
            Assert.That(() => product.ChangePrice(1.001m), Throws.TypeOf<DomainException>());
            Assert.That(product.Price, Is.EqualTo(10m));
        });
    }

    [Test]
    public void Rename_trims_and_updates_the_name_key()
    {
        var product = ProductBuilder.AProduct();

        product.Rename("  Keychron Q1  ");

        Assert.Multiple(() =>
        {
            Assert.That(product.Name, Is.EqualTo("Keychron Q1"));
            Assert.That(product.NameKey, Is.EqualTo(Product.NameKeyOf("keychron q1")));
        });
    }

    [Test]
    public void Rename_does_not_change_the_slug()
    {
        var product = new ProductBuilder().Named("MX Board").WithSlug("mx-board").Build();

        product.Rename("Keychron Q1");

        Assert.That(product.Slug, Is.EqualTo("mx-board"));
    }

    [Test]
    public void Rename_refused_leaves_the_name_unchanged()
    {
        var product = new ProductBuilder().Named("MX Board").Build();

        Assert.Multiple(() =>
        {
            Assert.That(() => product.Rename(" "), Throws.TypeOf<DomainException>());
            Assert.That(product.Name, Is.EqualTo("MX Board"));
        });
    }

    [TestCase("MX Board", "mx board")]
    [TestCase("MX Board", "MX BOARD")]
    [TestCase("Café Crème", "CAFÉ CRÈME")]
    [TestCase("MX Board", "  mx board  ")]
    public void NameKeyOf_ignores_case_and_surrounding_spaces(string a, string b)
    {
        Assert.That(Product.NameKeyOf(a), Is.EqualTo(Product.NameKeyOf(b)));
    }

    [Test]
    public void NameKeyOf_tells_different_names_apart()
    {
        Assert.That(Product.NameKeyOf("MX Board"), Is.Not.EqualTo(Product.NameKeyOf("MX Boards")));
    }

    [Test]
    public void Create_sets_the_name_key_from_the_name()
    {
        var product = new ProductBuilder().Named("MX Board").Build();

        Assert.That(product.NameKey, Is.EqualTo(Product.NameKeyOf("mx board")));
    }

    [Test]
    public void Describe_with_null_is_an_empty_description()
    {
        var product = ProductBuilder.AProduct();
        product.Describe("Tactile switches.");

        product.Describe(null);

        Assert.That(product.Description, Is.Empty);
    }

    [Test]
    public void Describe_takes_up_to_20000_characters_and_refuses_more()
    {
        var product = ProductBuilder.AProduct();

        product.Describe(new string('d', Product.DescriptionMaxLength));
        var tooLong = Assert.Throws<DomainException>(() => product.Describe(new string('d', Product.DescriptionMaxLength + 1)));

        Assert.Multiple(() =>
        {
            Assert.That(Product.DescriptionMaxLength, Is.EqualTo(20_000));
            Assert.That(tooLong!.Field, Is.EqualTo("description"));
            Assert.That(product.Description, Has.Length.EqualTo(Product.DescriptionMaxLength), "unchanged by the refused one");
        });
    }

    [Test]
    public void Deactivate_hides_and_Activate_shows_again()
    {
        var product = ProductBuilder.AProduct();

        product.Deactivate();
        var afterDeactivate = product.IsActive;
        product.Activate();

        Assert.Multiple(() =>
        {
            Assert.That(afterDeactivate, Is.False);
            Assert.That(product.IsActive, Is.True);
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public void SetActive_sets_the_flag(bool isActive)
    {
        var product = ProductBuilder.AProduct();
        product.SetActive(!isActive);

        product.SetActive(isActive);

        Assert.That(product.IsActive, Is.EqualTo(isActive));
    }

    [Test]
    public void AssignCategory_sets_the_category_and_its_id_and_null_clears_both()
    {
        var product = ProductBuilder.AProduct();
        var keyboards = ACategory.Keyboards().WithId(3);

        product.AssignCategory(keyboards);
        var assigned = (product.Category, product.CategoryId);
        product.AssignCategory(null);

        Assert.Multiple(() =>
        {
            Assert.That(assigned.Category, Is.SameAs(keyboards));
            Assert.That(assigned.CategoryId, Is.EqualTo(3));
            Assert.That(product.Category, Is.Null);
            Assert.That(product.CategoryId, Is.Null);
        });
    }

    [Test]
    public void SetSpecs_stores_the_json()
    {
        var product = ProductBuilder.AProduct();

        product.SetSpecs("""{"switch":"brown"}""");

        Assert.That(product.Detail.SpecsJson, Is.EqualTo("""{"switch":"brown"}"""));
    }

    [Test]
    public void SetSpecs_accepts_exactly_64_KiB()
    {
        var product = ProductBuilder.AProduct();
        var specs = SpecsOfBytes(ProductDetail.MaxSpecsBytes);

        product.SetSpecs(specs);

        Assert.That(product.Detail.SpecsJson, Is.EqualTo(specs));
    }

    [Test]
    public void SetSpecs_rejects_more_than_64_KiB_and_keeps_the_old_specs()
    {
        var product = ProductBuilder.AProduct();

        Assert.Multiple(() =>
        {
            Assert.That(() => product.SetSpecs(SpecsOfBytes(ProductDetail.MaxSpecsBytes + 1)),
                Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Field)).EqualTo("specs"));
            Assert.That(product.Detail.SpecsJson, Is.EqualTo("{}"));
        });
    }

    [Test]
    public void SetSpecs_counts_utf8_bytes_not_characters()
    {
        var product = ProductBuilder.AProduct();
        // 'é' is two bytes in UTF-8: fewer than 64 Ki characters, more than 64 KiB.
        var specs = "{\"a\":\"" + new string('é', ProductDetail.MaxSpecsBytes / 2) + "\"}";

        Assert.That(() => product.SetSpecs(specs), Throws.TypeOf<DomainException>());
    }

    [TestCase("[1,2]")]
    [TestCase("\"text\"")]
    [TestCase("42")]
    [TestCase("null")]
    [TestCase("{\"a\":")]
    [TestCase("")]
    public void SetSpecs_refuses_anything_but_one_JSON_object_and_keeps_the_old_specs(string specs)
    {
        var product = ProductBuilder.AProduct();

        Assert.Multiple(() =>
        {
            Assert.That(() => product.SetSpecs(specs), Throws.TypeOf<DomainException>()
                .With.Property(nameof(DomainException.Field)).EqualTo("specs")
                .And.Message.EqualTo("The specs must be a JSON object."));
            Assert.That(product.Detail.SpecsJson, Is.EqualTo("{}"));
        });
    }

    [Test]
    public void MarkUpdated_bumps_the_version_and_the_update_time()
    {
        var product = ProductBuilder.AProduct();
        var later = ProductBuilder.CreatedAt.AddHours(1);

        product.MarkUpdated(later);

        Assert.Multiple(() =>
        {
            Assert.That(product.Version, Is.EqualTo(2));
            Assert.That(product.UpdatedAt, Is.EqualTo(later));
            Assert.That(product.CreatedAt, Is.EqualTo(ProductBuilder.CreatedAt));
        });
    }

    [Test]
    public void MarkUpdated_twice_bumps_the_version_twice()
    {
        var product = ProductBuilder.AProduct();

        product.MarkUpdated(ProductBuilder.CreatedAt.AddMinutes(1));
        product.MarkUpdated(ProductBuilder.CreatedAt.AddMinutes(2));

        Assert.That(product.Version, Is.EqualTo(3));
    }

    [Test]
    public void AddImage_and_RemoveImage_keep_the_images_list()
    {
        var product = ProductBuilder.AProduct();

        var first = product.AddImage("products/2026/11/a.webp", "front", 0);
        product.AddImage("products/2026/11/b.webp", "back", 1);
        product.RemoveImage(first);

        Assert.That(product.Images.Select(i => i.Path), Is.EqualTo(new[] { "products/2026/11/b.webp" }));
    }

    private static string SpecsOfBytes(int bytes)
    {
        const string head = "{\"a\":\"";
        const string tail = "\"}";
        return head + new string('x', bytes - head.Length - tail.Length) + tail;
    }
}
