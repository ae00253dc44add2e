using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Categories;
using Shop.Domain.Tags;

namespace Shop.Application.Products;

/// <summary>Turns the ids and slugs a product write names into entities; unknown ones are a 400 of that field.</summary>
internal static class ProductReferences
{
    public static async Task<Category?> CategoryAsync(ICategoryRepository categories, int? id, CancellationToken ct)
    {
        if (id is null) return null;
        return await categories.GetAsync(id.Value, ct)
               ?? throw new ValidationException("categoryId", $"There is no category with id {id}.");
    }

    public static async Task<IReadOnlyList<(Tag Tag, int Weight)>> TagsAsync(ITagRepository tags, IReadOnlyList<TagInput> input, CancellationToken ct)
    {
        if (input.Count == 0) return [];
        var slugs = input.Select(t => t.Slug!).ToArray();
        var found = (await tags.GetBySlugsAsync(slugs, ct)).ToDictionary(t => t.Slug, StringComparer.Ordinal);
        var unknown = slugs.Where(s => !found.ContainsKey(s)).ToArray();
        if (unknown.Length > 0) throw new ValidationException("tags", $"Unknown tag slug(s): {string.Join(", ", unknown)}.");
        return input.Select(t => (found[t.Slug!], t.Weight)).ToArray();
    }
}
