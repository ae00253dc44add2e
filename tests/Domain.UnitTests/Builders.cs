using System.Reflection;
using Shop.Domain.Categories;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Domain.UnitTests;

/// <summary>A valid product unless a test says otherwise; only what a test cares about needs naming.</summary>
internal sealed class ProductBuilder
{
    public static readonly DateTime CreatedAt = new(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);

    private string _name = "MX Board";
    private string _slug = "mx-board";
    private decimal _price = 299m;
    private ProductStatus _status = ProductStatus.Draft;
    private DateTime _now = CreatedAt;

    public ProductBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public ProductBuilder WithSlug(string slug)
    {
        _slug = slug;
        return this;
    }

    public ProductBuilder Priced(decimal price)
    {
        _price = price;
        return this;
    }

    public ProductBuilder In(ProductStatus status)
    {
        _status = status;
        return this;
    }

    public ProductBuilder CreatedOn(DateTime now)
    {
        _now = now;
        return this;
    }

    public Product Build() => Product.Create(_name, _slug, _price, _now, _status);

    public static Product AProduct() => new ProductBuilder().Build();
}

internal static class ATag
{
    public static Tag Named(string name) => Tag.Create(name, Shop.Domain.Common.Slug.From(name));
}

internal static class Ids
{
    /// <summary>Gives an entity the id the database would have given it.</summary>
    public static T WithId<T>(this T entity, int id) where T : class
    {
        typeof(T).GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
        return entity;
    }
}

internal static class ACategory
{
    public static Category Keyboards() => Category.Create("Keyboards", "keyboards");
}
