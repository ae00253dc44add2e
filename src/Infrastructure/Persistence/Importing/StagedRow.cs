using System.Runtime.CompilerServices;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Domain.Common;
using Shop.Domain.Products;

namespace Shop.Infrastructure.Persistence.Importing;

/// <summary>
/// A checked row as the staging table holds it: the values the entity would derive (trimmed name, name key, search
/// text, specs text) computed by the same domain functions, so the set-based writes store what the entity would.
/// </summary>
internal sealed record StagedRow(
    int Line, string Name, string NameKey, string Slug, string Description, decimal Price, bool IsActive, string Status,
    string? Category, string[] TagSlugs, int[] TagWeights, string Specs, string SearchName, string SearchDescription)
{
    public static StagedRow Of(ProductImportRow row)
    {
        var name = row.Name!.Trim();
        return new StagedRow(row.Line, name, Product.NameKeyOf(name), row.Key, row.Description, row.Price!.Value, row.IsActive,
            ProductConfiguration.StoredText(row.Status.GetValueOr(ProductStatus.Draft)), string.IsNullOrEmpty(row.Category) ? null : row.Category,
            row.Tags.Select(t => t.Slug!).ToArray(), row.Tags.Select(t => t.Weight).ToArray(), ProductRules.SpecsText(row.Specs),
            SearchText.Normalize(name), SearchText.Normalize(row.Description));
    }

    public static async IAsyncEnumerable<StagedRow> From(IAsyncEnumerable<ProductImportRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken)) yield return Of(row);
    }
}
