namespace Shop.Application.Categories;

/// <summary>A category with the number of its products the caller may see.</summary>
public sealed record CategoryDto(int Id, string Name, string Slug, int ProductCount);
