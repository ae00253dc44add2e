namespace Shop.Application.Tags;

/// <summary>A tag with the number of products the caller may see that carry it.</summary>
public sealed record TagDto(int Id, string Name, string Slug, int ProductCount);
