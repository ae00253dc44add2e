using System.Reflection;
using Shop.Domain.Categories;
using Shop.Domain.Common;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Application.UnitTests.Support;

internal static class Ids
{
    /// <summary>Gives an entity the id the database would have given it.</summary>
    public static T WithId<T>(this T entity, int id) where T : class
    {
        typeof(T).GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
        return entity;
    }
}

internal static class A
{
    public static ProductBuilder Product => new();

    public static Category Category(string name, int id = 0) => Shop.Domain.Categories.Category.Create(name, Slug.From(name)).WithId(id);

    public static Tag Tag(string name, int id = 0) => Shop.Domain.Tags.Tag.Create(name, Slug.From(name)).WithId(id);
}

/// <summary>A valid, active, draft product unless a test says otherwise.</summary>
internal sealed class ProductBuilder
{
    private int _id;
    private string _name = "MX Board";
    private string? _slug;
    private string _description = "";
    private decimal _price = 299m;
    private bool _isActive = true;
    private ProductStatus _status = ProductStatus.Draft;
    private DateTime _createdAt = FixedClock.Now.AddDays(-10);
    private Category? _category;
    private string? _specs;
    private readonly List<(Tag, int)> _tags = [];
    private readonly List<(string Path, string Alt, int Position, int Id)> _images = [];

    public ProductBuilder WithId(int id) { _id = id; return this; }
    public ProductBuilder Named(string name) { _name = name; return this; }
    public ProductBuilder WithSlug(string slug) { _slug = slug; return this; }
    public ProductBuilder Described(string description) { _description = description; return this; }
    public ProductBuilder Priced(decimal price) { _price = price; return this; }
    public ProductBuilder Inactive() { _isActive = false; return this; }
    public ProductBuilder In(ProductStatus status) { _status = status; return this; }
    public ProductBuilder Published() => In(ProductStatus.Published);
    public ProductBuilder CreatedAt(DateTime createdAt) { _createdAt = createdAt; return this; }
    public ProductBuilder InCategory(Category category) { _category = category; return this; }
    public ProductBuilder Tagged(Tag tag, int weight = 1) { _tags.Add((tag, weight)); return this; }
    public ProductBuilder WithSpecs(string specsJson) { _specs = specsJson; return this; }

    public ProductBuilder WithImage(string path, string alt, int position, int id = 0)
    {
        _images.Add((path, alt, position, id));
        return this;
    }

    public Product Build()
    {
        var product = Shop.Domain.Products.Product.Create(_name, _slug ?? Slug.From(_name), _price, _createdAt, _status).WithId(_id);
        product.Describe(_description);
        product.SetActive(_isActive);
        product.AssignCategory(_category);
        product.SetTags(_tags);
        if (_specs is not null) product.SetSpecs(_specs);
        foreach (var (path, alt, position, id) in _images) product.AddImage(path, alt, position).WithId(id);
        return product;
    }

    public static implicit operator Product(ProductBuilder builder) => builder.Build();
}
