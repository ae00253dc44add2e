using Shop.Domain.Categories;
using Shop.Domain.Common;
using Shop.Domain.Tags;

namespace Shop.Domain.Products;

/// <summary>
/// A catalog product. Every way of changing one goes through a method that keeps the rules of the
/// catalog: a trimmed name of 1–120 characters, a description of at most 20,000, a valid slug that never changes by itself, a price in
/// range with at most 2 decimals, only the allowed status moves, tags with weights 1–1000.
/// </summary>
public sealed class Product
{
    public const int NameMaxLength = 120;

    /// <summary>The longest description, in characters (UTF-16 code units, as .NET counts a string's length).</summary>
    public const int DescriptionMaxLength = 20_000;

    private readonly List<ProductTag> _tags = [];
    private readonly List<ProductImage> _images = [];
    private readonly List<FormerSlug> _formerSlugs = [];

    private Product() { }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The name as uniqueness compares it (case-insensitive); unique among active products.</summary>
    public string NameKey { get; private set; } = "";

    public string Slug { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>The name as search compares it (<see cref="SearchText.Normalize"/>); kept by <see cref="Rename"/>.</summary>
    public string SearchName { get; private set; } = "";

    /// <summary>The description as search compares it (<see cref="SearchText.Normalize"/>); kept by <see cref="Describe"/>.</summary>
    public string SearchDescription { get; private set; } = "";
    public decimal Price { get; private set; }
    public bool IsActive { get; private set; } = true;
    public ProductStatus Status { get; private set; } = ProductStatus.Draft;
    public DateTime? PublishedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Bumped on every saved change; the ETag and the optimistic-concurrency token.</summary>
    public long Version { get; private set; }

    public int? CategoryId { get; private set; }
    public Category? Category { get; private set; }

    /// <summary>
    /// The specs. Every product this model writes has one; a row stored without its detail row (by another tool, a
    /// restore, a hand-made insert) loads with none: reads take its specs as <c>{}</c>, and <see cref="SetSpecs"/> gives it one again.
    /// </summary>
    public ProductDetail Detail { get; private set; } = null!;
    public IReadOnlyCollection<ProductTag> Tags => _tags.AsReadOnly();
    public IReadOnlyCollection<ProductImage> Images => _images.AsReadOnly();

    /// <summary>The slugs this product had before, each answered with a redirect to <see cref="Slug"/>.</summary>
    public IReadOnlyCollection<FormerSlug> FormerSlugs => _formerSlugs.AsReadOnly();

    /// <param name="slug">A valid slug, made unique by the caller (the unique index has the last word).</param>
    public static Product Create(string name, string slug, decimal price, DateTime now, ProductStatus status = ProductStatus.Draft)
    {
        var product = new Product { CreatedAt = now, UpdatedAt = now, Version = 1, Detail = new ProductDetail("{}") };
        product.Rename(name);
        product.ChangeSlug(slug);
        product.ChangePrice(price);
        product.Status = status;
        if (status == ProductStatus.Published) product.PublishedAt = now;
        return product;
    }

    public static string NameKeyOf(string name) => name.Trim().ToUpperInvariant();

    public void Rename(string name)
    {
        Name = Names.Require(name, NameMaxLength);
        NameKey = NameKeyOf(Name);
        SearchName = SearchText.Normalize(Name);
    }

    /// <summary>
    /// Gives the product a new slug. A saved product keeps its old slug as a <see cref="FormerSlug"/>, so links to it
    /// redirect here (a chain a→b→c keeps a and b, both pointing at c); taking back a former slug drops that entry.
    /// A product that was never saved (no id yet) has no links out there, so choosing its slug again keeps nothing.
    /// </summary>
    public void ChangeSlug(string slug)
    {
        var next = Slugs.Require(slug);
        if (next == Slug) return;
        if (Id != 0 && Slug.Length > 0 && !_formerSlugs.Any(f => f.Slug == Slug)) _formerSlugs.Add(new FormerSlug(Slug));
        _formerSlugs.RemoveAll(f => f.Slug == next);
        Slug = next;
    }

    public void Describe(string? description)
    {
        description ??= "";
        if (description.Length > DescriptionMaxLength)
            throw new DomainException($"The description must be at most {DescriptionMaxLength} characters.", "description");
        Description = description;
        SearchDescription = SearchText.Normalize(description);
    }

    public void ChangePrice(decimal price)
    {
        if (!Domain.Products.Price.IsValid(price))
            throw new DomainException($"The price must be between {Domain.Products.Price.Min} and {Domain.Products.Price.Max} with at most 2 decimals.", "price");
        Price = price;
    }

    /// <summary>
    /// Adds a (possibly negative) amount to the price. The database applies the same rule atomically
    /// for concurrent callers; this is the rule itself.
    /// </summary>
    public void AdjustPrice(decimal amount)
    {
        if (amount == 0 || !Domain.Products.Price.HasAtMostTwoDecimals(amount))
            throw new DomainException("The amount must be non-zero with at most 2 decimals.", "amount");
        var result = Math.Abs(amount) > Domain.Products.Price.Max ? -1m : Price + amount;
        if (result is < Domain.Products.Price.Min or > Domain.Products.Price.Max)
            throw new DomainException($"The adjusted price {result} would leave the range {Domain.Products.Price.Min}–{Domain.Products.Price.Max}.", "amount");
        Price = result;
    }

    public void Activate() => IsActive = true;

    /// <summary>Hides the product and frees its name for another active product.</summary>
    public void Deactivate() => IsActive = false;

    public void SetActive(bool isActive)
    {
        if (isActive) Activate(); else Deactivate();
    }

    /// <summary>Moves to <paramref name="target"/> if the workflow allows it; staying put is a no-op.</summary>
    public void MoveTo(ProductStatus target, DateTime now)
    {
        if (!ProductStatusMoves.IsAllowed(Status, target))
            throw new DomainException(ProductStatusMoves.Refusal(Status, target), "status");
        if (target == ProductStatus.Published) PublishedAt ??= now;
        Status = target;
    }

    /// <summary>Publishes; sets <see cref="PublishedAt"/> the first time only; idempotent.</summary>
    public void Publish(DateTime now) => MoveTo(ProductStatus.Published, now);

    public void Archive(DateTime now) => MoveTo(ProductStatus.Archived, now);

    public void AssignCategory(Category? category)
    {
        Category = category;
        CategoryId = category?.Id;
    }

    /// <summary>Replaces the product's tags: links not listed go, listed ones are added or re-weighted.</summary>
    public void SetTags(IReadOnlyList<(Tag Tag, int Weight)> tags)
    {
        if (tags.Select(t => t.Tag.Slug).Distinct(StringComparer.Ordinal).Count() != tags.Count)
            throw new DomainException("A tag may be given only once.", "tags");
        foreach (var (_, weight) in tags)
        {
            if (!ProductTag.IsValidWeight(weight))
                throw new DomainException($"A tag weight must be between {ProductTag.MinWeight} and {ProductTag.MaxWeight}.", "tags");
        }

        _tags.RemoveAll(link => !tags.Any(t => SameTag(t.Tag, link)));
        foreach (var (tag, weight) in tags)
        {
            var existing = _tags.FirstOrDefault(link => SameTag(tag, link));
            if (existing is null) _tags.Add(new ProductTag(this, tag, weight));
            else existing.Weight = weight;
        }
    }

    /// <summary>Sets the specs: one JSON object of at most 64 KiB (<see cref="ProductDetail.SpecsProblem"/>).</summary>
    public void SetSpecs(string specsJson)
    {
        if (ProductDetail.SpecsProblem(specsJson) is { } problem) throw new DomainException(problem, "specs");
        // Null for a product stored without its detail row (see Detail).
        if (Detail is null) Detail = new ProductDetail(specsJson);
        else Detail.SpecsJson = specsJson;
    }

    /// <param name="path">The storage key the server chose for the file.</param>
    public ProductImage AddImage(string path, string? alt, int position, IEnumerable<ProductImageVariant>? variants = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new DomainException("An image needs a stored file.", "file");
        alt ??= "";
        if (alt.Length > ProductImage.AltMaxLength)
            throw new DomainException($"The alt text must be at most {ProductImage.AltMaxLength} characters.", "alt");
        if (position < 0) throw new DomainException("The position must be 0 or more.", "position");
        var image = new ProductImage(path, alt, position, variants ?? []);
        _images.Add(image);
        return image;
    }

    /// <summary>The image with this id, or null when the product has none such.</summary>
    public ProductImage? FindImage(int imageId) => _images.FirstOrDefault(i => i.Id == imageId);

    public void RemoveImage(ProductImage image) => _images.Remove(image);

    /// <summary>Records that a change was saved: the persistence layer calls this once per saved change.</summary>
    public void MarkUpdated(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    private static bool SameTag(Tag tag, ProductTag link) =>
        ReferenceEquals(link.Tag, tag) || (tag.Id != 0 && link.TagId == tag.Id);
}
