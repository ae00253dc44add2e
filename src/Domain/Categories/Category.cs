using Shop.Domain.Common;

namespace Shop.Domain.Categories;

public sealed class Category
{
    public const int NameMaxLength = 80;

    private Category() { }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";

    /// <param name="slug">A valid slug, already made unique by the caller (the unique index has the last word).</param>
    public static Category Create(string name, string slug)
    {
        var category = new Category();
        category.Rename(name);
        category.ChangeSlug(slug);
        return category;
    }

    public void Rename(string name) => Name = Names.Require(name, NameMaxLength);

    public void ChangeSlug(string slug) => Slug = Slugs.Require(slug);
}
