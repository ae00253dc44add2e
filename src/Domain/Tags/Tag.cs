using Shop.Domain.Common;

namespace Shop.Domain.Tags;

public sealed class Tag
{
    public const int NameMaxLength = 40;

    private Tag() { }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";

    public static Tag Create(string name, string slug)
    {
        var tag = new Tag();
        tag.Rename(name);
        tag.ChangeSlug(slug);
        return tag;
    }

    public void Rename(string name) => Name = Names.Require(name, NameMaxLength);

    public void ChangeSlug(string slug) => Slug = Slugs.Require(slug);
}
