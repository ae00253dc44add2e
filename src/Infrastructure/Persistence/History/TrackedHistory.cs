using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Shop.Application.History;
using Shop.Application.Products;
using Shop.Domain.Categories;
using Shop.Domain.History;
using Shop.Domain.Products;
using Shop.Domain.Tags;

namespace Shop.Infrastructure.Persistence.History;

/// <summary>
/// The history entries of a save, read from the change tracker after the rows were written but before the changes are
/// accepted: generated ids are known and every entry still has its original values. A product's entry covers its row
/// and its owned parts (specs, tag links, images); categories and tags get their own.
/// </summary>
internal static class TrackedHistory
{
    /// <summary>Whether the tracker holds a catalog change to record (cheap: no snapshot is built).</summary>
    public static bool HasCatalogChanges(ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                                   && e.Entity is Product or ProductDetail or ProductTag or ProductImage or Category or Tag);

    public static List<HistoryEntry> Read(ChangeTracker tracker, DateTime now, ChangeAuthor author)
    {
        var entries = new List<HistoryEntry>();
        // A product's parts: those it holds now (new ones have no foreign key value yet until the changes are accepted)
        // and those this save deleted (no longer in its collections; their key is the product's).
        var deletedParts = tracker.Entries()
            .Where(e => e.State == EntityState.Deleted && e.Entity is ProductDetail or ProductTag or ProductImage)
            .ToLookup(e => (int)e.Property("ProductId").OriginalValue!);
        foreach (var entry in tracker.Entries<Product>())
        {
            var product = entry.Entity;
            var owned = new HashSet<object>(ReferenceEqualityComparer.Instance);
            if (product.Detail is not null) owned.Add(product.Detail);
            owned.UnionWith(product.Tags);
            owned.UnionWith(product.Images);
            owned.UnionWith(deletedParts[IdOf(entry)].Select(e => e.Entity));
            var parts = owned.Select(tracker.Context.Entry).ToList();
            if (entry.State is EntityState.Unchanged or EntityState.Detached && parts.All(p => p.State == EntityState.Unchanged)) continue;
            var before = entry.State == EntityState.Added ? null : ProductSnapshot(entry, parts, tracker, original: true);
            var after = entry.State == EntityState.Deleted ? null : ProductSnapshot(entry, parts, tracker, original: false);
            Add(entries, HistoryKinds.Product, entry, before, after, now, author);
        }
        foreach (var entry in tracker.Entries<Category>())
            Add(entries, HistoryKinds.Category, entry, TermSnapshot(entry, true), TermSnapshot(entry, false), now, author);
        foreach (var entry in tracker.Entries<Tag>())
            Add(entries, HistoryKinds.Tag, entry, TermSnapshot(entry, true), TermSnapshot(entry, false), now, author);
        return entries;
    }

    private static void Add(List<HistoryEntry> entries, string kind, EntityEntry entry,
        List<KeyValuePair<string, JsonNode?>>? before, List<KeyValuePair<string, JsonNode?>>? after, DateTime now, ChangeAuthor author)
    {
        var action = entry.State switch
        {
            EntityState.Added => HistoryActions.Created,
            EntityState.Deleted => HistoryActions.Deleted,
            EntityState.Modified or EntityState.Unchanged => HistoryActions.Updated,
            _ => null,
        };
        if (action is null) return;
        var changes = ChangeDiff.Between(before, after);
        // A save that touched the row without changing anything recorded (only its UpdatedAt, say) is no change.
        if (changes.Count == 0 && action == HistoryActions.Updated) return;
        entries.Add(HistoryEntry.Create(kind, IdOf(entry), action, now, author, ChangeDiff.ToJson(changes)));
    }

    /// <summary>The product as the API names its writable fields; with <paramref name="original"/>, as it was before the save.</summary>
    private static List<KeyValuePair<string, JsonNode?>> ProductSnapshot(EntityEntry<Product> entry, List<EntityEntry> owned, ChangeTracker tracker, bool original)
    {
        object? Value(string property) => original ? entry.OriginalValues[property] : entry.CurrentValues[property];
        // Owned parts as they were (every part not added by this save) or as they are (every part not deleted by it).
        bool Counts(EntityEntry part) => original ? part.State != EntityState.Added : part.State != EntityState.Deleted;
        object? PartValue(EntityEntry part, string property) => original ? part.OriginalValues[property] : part.CurrentValues[property];

        var detail = owned.FirstOrDefault(p => p.Entity is ProductDetail && Counts(p));
        var tags = owned.Where(p => p.Entity is ProductTag && Counts(p))
            .Select(p => (Slug: TagSlug((ProductTag)p.Entity, tracker), Weight: (int)PartValue(p, nameof(ProductTag.Weight))!))
            .OrderBy(t => t.Slug, StringComparer.Ordinal)
            .Select(t => (JsonNode)new JsonObject { ["slug"] = t.Slug, ["weight"] = t.Weight });
        var images = owned.Where(p => p.Entity is ProductImage && Counts(p))
            .OrderBy(IdOf)
            .Select(p => (JsonNode)new JsonObject
            {
                ["id"] = IdOf(p),
                ["url"] = ProductImageDto.UrlPrefix + (string)PartValue(p, nameof(ProductImage.Path))!,
                ["alt"] = (string)PartValue(p, nameof(ProductImage.Alt))!,
                ["position"] = (int)PartValue(p, nameof(ProductImage.Position))!,
            });
        return
        [
            new("name", ChangeDiff.Value(Value(nameof(Product.Name)))),
            new("slug", ChangeDiff.Value(Value(nameof(Product.Slug)))),
            new("description", ChangeDiff.Value(Value(nameof(Product.Description)))),
            new("price", ChangeDiff.Value(Value(nameof(Product.Price)))),
            new("isActive", ChangeDiff.Value(Value(nameof(Product.IsActive)))),
            new("status", ChangeDiff.Value(Value(nameof(Product.Status)))),
            new("publishedAt", ChangeDiff.Value(Value(nameof(Product.PublishedAt)))),
            new("categoryId", ChangeDiff.Value(Value(nameof(Product.CategoryId)))),
            new("tags", new JsonArray(tags.ToArray())),
            new("specs", detail is null ? null : ChangeDiff.JsonText((string?)PartValue(detail, nameof(ProductDetail.SpecsJson)))),
            new("images", new JsonArray(images.ToArray())),
        ];
    }

    /// <summary>
    /// The row's id as the database generated it: until the changes are accepted a new entity's own property still holds
    /// the temporary value, the entry holds the generated one.
    /// </summary>
    private static int IdOf(EntityEntry entry) => (int)entry.Property("Id").CurrentValue!;

    private static string TagSlug(ProductTag link, ChangeTracker tracker)
    {
        // The link's tag is loaded with the product (or is the tag just added); a tag deleted with its links still has its slug.
        if (link.Tag is not null) return link.Tag.Slug;
        return tracker.Entries<Tag>().FirstOrDefault(t => t.Entity.Id == link.TagId)?.Entity.Slug ?? link.TagId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A category or tag: name and slug; null before a create and after a delete.</summary>
    private static List<KeyValuePair<string, JsonNode?>>? TermSnapshot(EntityEntry entry, bool original)
    {
        if (original && entry.State == EntityState.Added) return null;
        if (!original && entry.State == EntityState.Deleted) return null;
        var values = original ? entry.OriginalValues : entry.CurrentValues;
        return [new("name", ChangeDiff.Value(values["Name"])), new("slug", ChangeDiff.Value(values["Slug"]))];
    }
}
