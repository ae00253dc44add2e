using System.Text.Json;
using Shop.Domain.Categories;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Application.Products;

/// <summary>What every full write of a product (create, replace, bulk create, import) sets beyond name, slug, price and status.</summary>
internal static class ProductContent
{
    public static void SetContent(
        this Product product, string? description, bool isActive, Category? category, IReadOnlyList<(Tag Tag, int Weight)> tags, JsonElement specs)
    {
        product.Describe(description);
        product.SetActive(isActive);
        product.AssignCategory(category);
        product.SetTags(tags);
        product.SetSpecs(ProductRules.SpecsText(specs));
    }
}
