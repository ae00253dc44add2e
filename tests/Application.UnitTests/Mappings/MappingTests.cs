using System.Text.Json;
using AutoMapper.QueryableExtensions;
using Shop.Application.Products;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Products;

namespace Shop.Application.UnitTests.Mappings;

public class MappingTests
{
    private static Product AFullProduct() =>
        A.Product.WithId(1).Named("MX Board").WithSlug("mx-board").Described("Tactile.").Priced(299.5m).Published()
            .InCategory(A.Category("Keyboards", id: 3))
            .Tagged(A.Tag("wireless", id: 8), 1).Tagged(A.Tag("rgb", id: 7), 5).Tagged(A.Tag("mechanical", id: 9), 1)
            .WithSpecs("""{"switch":"brown","keys":104}""")
            .WithImage("products/2026/11/b.webp", "back", 1, id: 21)
            .WithImage("products/2026/11/a.webp", "front", 0, id: 20);

    [Test]
    public void The_configuration_is_valid()
    {
        Assert.That(() => TestMapper.Configuration.AssertConfigurationIsValid(), Throws.Nothing);
    }

    [Test]
    public void A_product_maps_to_its_full_dto()
    {
        var product = AFullProduct();

        var dto = TestMapper.Instance.Map<ProductDto>(product);

        Assert.Multiple(() =>
        {
            Assert.That(dto.Id, Is.EqualTo(1));
            Assert.That(dto.Name, Is.EqualTo("MX Board"));
            Assert.That(dto.Slug, Is.EqualTo("mx-board"));
            Assert.That(dto.Description, Is.EqualTo("Tactile."));
            Assert.That(dto.Price, Is.EqualTo(299.5m));
            Assert.That(dto.IsActive, Is.True);
            Assert.That(dto.Status, Is.EqualTo(ProductStatus.Published));
            Assert.That(dto.PublishedAt, Is.EqualTo(product.PublishedAt));
            Assert.That(dto.CreatedAt, Is.EqualTo(product.CreatedAt));
            Assert.That(dto.UpdatedAt, Is.EqualTo(product.UpdatedAt));
            Assert.That(dto.Version, Is.EqualTo(product.Version));
            Assert.That(dto.Category, Is.EqualTo(new CategoryRefDto { Id = 3, Name = "Keyboards", Slug = "keyboards" }));
        });
    }

    [Test]
    public void Product_tags_are_ordered_by_weight_descending_then_name()
    {
        var dto = TestMapper.Instance.Map<ProductDto>(AFullProduct());

        Assert.That(dto.Tags, Is.EqualTo(new[]
        {
            new ProductTagDto { Id = 7, Name = "rgb", Slug = "rgb", Weight = 5 },
            new ProductTagDto { Id = 9, Name = "mechanical", Slug = "mechanical", Weight = 1 },
            new ProductTagDto { Id = 8, Name = "wireless", Slug = "wireless", Weight = 1 },
        }));
    }

    [Test]
    public void Product_specs_are_the_stored_json_object()
    {
        var dto = TestMapper.Instance.Map<ProductDto>(AFullProduct());

        Assert.Multiple(() =>
        {
            Assert.That(dto.SpecsJson, Is.EqualTo("""{"switch":"brown","keys":104}"""));
            Assert.That(dto.Specs.ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(dto.Specs.GetProperty("keys").GetInt32(), Is.EqualTo(104));
        });
    }

    [Test]
    public void Product_images_are_ordered_by_position_with_media_urls()
    {
        var dto = TestMapper.Instance.Map<ProductDto>(AFullProduct());

        Assert.That(dto.Images, Is.EqualTo(new[]
        {
            new ProductImageDto { Id = 20, Url = "/media/products/2026/11/a.webp", Alt = "front", Position = 0 },
            new ProductImageDto { Id = 21, Url = "/media/products/2026/11/b.webp", Alt = "back", Position = 1 },
        }));
    }

    [Test]
    public void A_product_without_category_maps_to_a_null_category()
    {
        var dto = TestMapper.Instance.Map<ProductDto>(A.Product.WithId(1).Build());

        Assert.Multiple(() =>
        {
            Assert.That(dto.Category, Is.Null);
            Assert.That(dto.Tags, Is.Empty);
            Assert.That(dto.Images, Is.Empty);
            Assert.That(dto.SpecsJson, Is.EqualTo("{}"));
        });
    }

    [Test]
    public void A_product_maps_to_a_list_item_with_category_and_ordered_tags()
    {
        var item = TestMapper.Instance.Map<ProductListItemDto>(AFullProduct());

        Assert.Multiple(() =>
        {
            Assert.That(item, Is.TypeOf<ProductListItemDto>());
            Assert.That(item.Slug, Is.EqualTo("mx-board"));
            Assert.That(item.Category?.Id, Is.EqualTo(3));
            Assert.That(item.Tags.Select(t => t.Slug), Is.EqualTo(new[] { "rgb", "mechanical", "wireless" }));
        });
    }

    [Test]
    public void A_category_maps_to_its_reference()
    {
        var dto = TestMapper.Instance.Map<CategoryRefDto>(A.Category("Keyboards", id: 3));

        Assert.That(dto, Is.EqualTo(new CategoryRefDto { Id = 3, Name = "Keyboards", Slug = "keyboards" }));
    }

    [Test]
    public void A_product_tag_maps_to_the_tag_with_its_weight()
    {
        var link = A.Product.WithId(1).Tagged(A.Tag("rgb", id: 7), 42).Build().Tags.Single();

        var dto = TestMapper.Instance.Map<ProductTagDto>(link);

        Assert.That(dto, Is.EqualTo(new ProductTagDto { Id = 7, Name = "rgb", Slug = "rgb", Weight = 42 }));
    }

    [Test]
    public void A_product_image_maps_to_a_media_url()
    {
        var image = A.Product.WithId(1).WithImage("products/2026/11/ab12cd.webp", "front", 2, id: 5).Build().Images.Single();

        var dto = TestMapper.Instance.Map<ProductImageDto>(image);

        Assert.That(dto, Is.EqualTo(new ProductImageDto { Id = 5, Url = "/media/products/2026/11/ab12cd.webp", Alt = "front", Position = 2 }));
    }

    [Test]
    public void The_query_projection_gives_the_same_dto_as_the_in_memory_map()
    {
        var product = AFullProduct();
        var mapped = TestMapper.Instance.Map<ProductDto>(product);

        var projected = new[] { product }.AsQueryable().ProjectTo<ProductDto>(TestMapper.Configuration).Single();

        Assert.Multiple(() =>
        {
            Assert.That(projected with { Tags = [], Images = [] }, Is.EqualTo(mapped with { Tags = [], Images = [] }));
            Assert.That(projected.Tags, Is.EqualTo(mapped.Tags));
            Assert.That(projected.Images, Is.EqualTo(mapped.Images));
        });
    }

    [Test]
    public void The_query_projection_of_a_product_without_category_has_a_null_category()
    {
        var projected = new[] { A.Product.WithId(1).Build() }.AsQueryable().ProjectTo<ProductListItemDto>(TestMapper.Configuration).Single();

        Assert.That(projected.Category, Is.Null);
    }
}
