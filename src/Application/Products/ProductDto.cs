using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using Shop.Domain.Categories;
using Shop.Domain.Products;

namespace Shop.Application.Products;

public sealed record CategoryRefDto
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
}

public sealed record ProductTagDto
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public int Weight { get; init; }
}

public sealed record ProductImageDto
{
    /// <summary>Where this app serves stored files; <c>Media:BaseUrl</c> replaces it (<see cref="Common.Interfaces.ICatalogReadStore.MediaUrlPrefix"/>).</summary>
    public const string UrlPrefix = "/media/";

    public int Id { get; init; }
    public string Url { get; init; } = "";
    public string Alt { get; init; } = "";
    public int Position { get; init; }

    /// <summary>Copies made on upload: a WebP <c>thumbnail</c> and, unless the original is WebP, the picture as <c>webp</c>.</summary>
    public IReadOnlyList<ProductImageVariantDto> Variants { get; init; } = [];

    // Two answers for the same image are equal when their variants are (a record compares lists by reference).
    public bool Equals(ProductImageDto? other) =>
        other is not null && Id == other.Id && Url == other.Url && Alt == other.Alt && Position == other.Position && Variants.SequenceEqual(other.Variants);

    public override int GetHashCode() => HashCode.Combine(Id, Url, Alt, Position, Variants.Count);
}

public sealed record ProductImageVariantDto
{
    public string Name { get; init; } = "";
    public string Url { get; init; } = "";
    public int Width { get; init; }
    public int Height { get; init; }
}

/// <summary>A product as list endpoints show it (no description, specs or images).</summary>
public record ProductListItemDto
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public decimal Price { get; init; }
    public bool IsActive { get; init; }
    public ProductStatus Status { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public CategoryRefDto? Category { get; init; }
    public IReadOnlyList<ProductTagDto> Tags { get; init; } = [];

    internal sealed class Mapping : Profile
    {
        public Mapping()
        {
            CreateMap<Category, CategoryRefDto>();
            CreateMap<ProductTag, ProductTagDto>()
                .ForMember(d => d.Id, o => o.MapFrom(s => s.Tag.Id))
                .ForMember(d => d.Name, o => o.MapFrom(s => s.Tag.Name))
                .ForMember(d => d.Slug, o => o.MapFrom(s => s.Tag.Slug));
            // A projection parameter: ProjectTo(..., new { mediaPrefix = store.MediaUrlPrefix }) replaces this value.
            var mediaPrefix = ProductImageDto.UrlPrefix;
            CreateMap<ProductImage, ProductImageDto>()
                .ForMember(d => d.Url, o => o.MapFrom(s => mediaPrefix + s.Path));
            CreateMap<ProductImageVariant, ProductImageVariantDto>()
                .ForMember(d => d.Url, o => o.MapFrom(s => mediaPrefix + s.Path));
            CreateMap<Product, ProductListItemDto>()
                .ForMember(d => d.Tags, o => o.MapFrom(s => s.Tags.OrderByDescending(t => t.Weight).ThenBy(t => t.Tag.Name)));
            CreateMap<Product, ProductDto>()
                .IncludeBase<Product, ProductListItemDto>()
                // A product stored without its detail row reads as having no specs (a LEFT JOIN in projections).
                .ForMember(d => d.SpecsJson, o => o.MapFrom(s => s.Detail == null ? ProductDto.NoSpecs : s.Detail.SpecsJson))
                .ForMember(d => d.Images, o => o.MapFrom(s => s.Images.OrderBy(i => i.Position).ThenBy(i => i.Id)));
        }
    }
}

/// <summary>A product in full, as detail endpoints and writes answer.</summary>
public sealed record ProductDto : ProductListItemDto
{
    [JsonPropertyOrder(1)]
    public string Description { get; init; } = "";

    internal const string NoSpecs = "{}";

    private static readonly JsonElement EmptySpecs = JsonDocument.Parse(NoSpecs).RootElement.Clone();

    [JsonIgnore]
    public string SpecsJson { get; init; } = NoSpecs;

    /// <summary>
    /// The stored specs object. Whatever is stored (written by another tool, say), a read never fails: what is not a
    /// JSON object reads as <c>{}</c>.
    /// </summary>
    [JsonPropertyOrder(2)]
    public JsonElement Specs
    {
        get
        {
            if (!ProductDetail.IsJsonObject(SpecsJson)) return EmptySpecs;
            using var document = JsonDocument.Parse(SpecsJson);
            return document.RootElement.Clone();
        }
    }

    [JsonPropertyOrder(3)]
    public IReadOnlyList<ProductImageDto> Images { get; init; } = [];

    /// <summary>The saved version: the representation's ETag and what <c>If-Match</c> is compared with.</summary>
    [JsonIgnore]
    public long Version { get; init; }
}
