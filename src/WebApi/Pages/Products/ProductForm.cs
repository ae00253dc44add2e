using System.Globalization;
using System.Text.Json;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Domain.Products;

namespace Shop.WebApi.Pages.Products;

/// <summary>
/// The product form as typed: every field is text, so whatever the user entered comes back on an error.
/// It turns into the same commands the API sends; the API's field names key the errors.
/// </summary>
public sealed class ProductForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Description { get; set; }
    public string? Price { get; set; }
    public bool IsActive { get; set; } = true;
    public string? Status { get; set; } = "draft";
    public string? CategoryId { get; set; }

    /// <summary>One tag a line or comma-separated: <c>slug</c> or <c>slug:weight</c>.</summary>
    public string? Tags { get; set; }

    /// <summary>A JSON object.</summary>
    public string? Specs { get; set; } = "{}";

    public static ProductForm From(ProductDto p) => new()
    {
        Name = p.Name,
        Slug = p.Slug,
        Description = p.Description,
        Price = p.Price.ToString("0.00", CultureInfo.InvariantCulture),
        IsActive = p.IsActive,
        Status = p.Status.ToString().ToLowerInvariant(),
        CategoryId = p.Category?.Id.ToString(CultureInfo.InvariantCulture),
        Tags = string.Join(", ", p.Tags.Select(t => t.Weight == 1 ? t.Slug : $"{t.Slug}:{t.Weight}")),
        Specs = p.SpecsJson,
    };

    /// <summary>The create command; text that does not parse travels in it as unreadable, so the command refuses it.</summary>
    public CreateProduct ToCreate(bool isActiveUnreadable) =>
        Read<CreateProduct>(isActiveUnreadable, out var categoryId) with { CategoryId = categoryId };

    /// <summary>The replace command; text that does not parse travels in it as unreadable, so the command refuses it.</summary>
    public ReplaceProduct ToReplace(int id, bool isActiveUnreadable) =>
        Read<ReplaceProduct>(isActiveUnreadable, out var categoryId) with { Id = id, CategoryId = categoryId };

    /// <summary>The model-state key of an API field (<c>price</c>, <c>tags[0].weight</c>) on this form.</summary>
    public static string KeyOf(string apiField)
    {
        var head = apiField.Split('.', '[')[0];
        return head.Length == 0 ? string.Empty : "Form." + char.ToUpperInvariant(head[0]) + head[1..];
    }

    private T Read<T>(bool isActiveUnreadable, out int? categoryId) where T : ProductInput, new()
    {
        var unreadable = new Dictionary<string, string>();
        if (isActiveUnreadable) unreadable["isActive"] = "Tick the box or leave it empty.";

        decimal? price = null;
        if (!string.IsNullOrWhiteSpace(Price))
        {
            if (decimal.TryParse(Price.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var p)) price = p;
            else unreadable["price"] = "Enter the price as a number, e.g. 19.90.";
        }
        if (!Enum.TryParse<ProductStatus>(Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
        {
            unreadable["status"] = "Choose draft, published or archived.";
            status = ProductStatus.Draft;
        }
        categoryId = null;
        if (!string.IsNullOrWhiteSpace(CategoryId))
        {
            if (int.TryParse(CategoryId, NumberStyles.None, CultureInfo.InvariantCulture, out var c)) categoryId = c;
            else unreadable["categoryId"] = "Choose a category from the list.";
        }
        var tags = new List<TagInput>();
        foreach (var entry in (Tags ?? "").Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':', 2, StringSplitOptions.TrimEntries);
            var weight = 1;
            if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out weight))
            {
                unreadable.TryAdd("tags", $"“{entry}”: write a tag as slug or slug:weight (a whole number).");
                continue;
            }
            tags.Add(new TagInput { Slug = parts[0], Weight = weight });
        }
        JsonElement specs = default;
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(Specs) ? "{}" : Specs);
            specs = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            unreadable["specs"] = "The specs must be valid JSON, e.g. {\"color\": \"black\"}.";
        }
        return new T
        {
            Name = Name ?? "",
            Slug = string.IsNullOrWhiteSpace(Slug) ? default(Optional<string>) : new Optional<string>(Slug.Trim()),
            Description = Description ?? "",
            Price = price,
            IsActive = IsActive,
            Status = status,
            Tags = tags,
            Specs = specs,
            UnreadableFields = unreadable,
        };
    }
}
