using Shop.Domain.Categories;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Application.Products;

/// <summary>What every full write of a product (create, replace, bulk create, import) sets beyond name, slug, price and status.</summary>
internal static class ProductContent
{
    public static void SetContent(this Product product, ProductInput input, Category? category, IReadOnlyList<(Tag Tag, int Weight)> tags)
    {
        product.Describe(input.Description);
        product.SetActive(input.IsActive);
        product.AssignCategory(category);
        product.SetTags(tags);
        product.SetSpecs(ProductRules.SpecsText(input.Specs));
    }
}
