using System.Runtime.CompilerServices;
using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;

namespace Shop.Application.Products.Queries;

/// <summary>
/// Every product the caller may see (staff: all), as flat rows ordered by id, streamed from the database one row at
/// a time: the CSV export writes each row out as it arrives, so memory stays flat whatever the catalog size.
/// </summary>
public sealed record ExportProducts : IRequest<IAsyncEnumerable<ProductExportRow>>;

/// <summary>One product as the export (and the import) carries it: references by slug, tags as <c>slug:weight|…</c>.</summary>
public sealed record ProductExportRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Description { get; init; } = "";
    public decimal Price { get; init; }
    public bool IsActive { get; init; }
    public ProductStatus Status { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public string? Category { get; init; }

    /// <summary><c>slug:weight</c> pairs joined by <c>|</c>, heaviest first (slugs never hold <c>:</c> or <c>|</c>).</summary>
    public string Tags { get; init; } = "";

    /// <summary>The specs object as JSON text.</summary>
    public string Specs { get; init; } = "{}";
}

public sealed class ExportProductsHandler(ICatalogReadStore store, ICurrentUser user)
    : IRequestHandler<ExportProducts, IAsyncEnumerable<ProductExportRow>>
{
    public Task<IAsyncEnumerable<ProductExportRow>> Handle(ExportProducts request, CancellationToken cancellationToken)
    {
        // One projected query: the tags are aggregated into their text by the database (string_agg / group_concat),
        // so a product is one row and its specs are read once, not once per tag as a joined collection would.
        var rows = store.Products.VisibleTo(user)
            .OrderBy(p => p.Id)
            .Select(p => new ProductExportRow
            {
                Id = p.Id,
                Name = p.Name,
                Slug = p.Slug,
                Description = p.Description,
                Price = p.Price,
                IsActive = p.IsActive,
                Status = p.Status,
                PublishedAt = p.PublishedAt,
                CreatedAt = p.CreatedAt,
                UpdatedAt = p.UpdatedAt,
                Category = p.Category != null ? p.Category.Slug : null,
                Tags = string.Join("|", p.Tags.OrderByDescending(t => t.Weight).ThenBy(t => t.Tag.Slug).Select(t => t.Tag.Slug + ":" + t.Weight)),
                Specs = p.Detail == null ? ProductDto.NoSpecs : p.Detail.SpecsJson,
            });
        return Task.FromResult(SpecsAsRead(store.StreamAsync(rows), cancellationToken));
    }

    /// <summary>
    /// Specs as every read shows them: what another tool stored that is not a JSON object (<c>null</c>, <c>[1]</c>, not
    /// JSON at all) is exported as <c>{}</c>, so the file imports again.
    /// </summary>
    private static async IAsyncEnumerable<ProductExportRow> SpecsAsRead(
        IAsyncEnumerable<ProductExportRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
            yield return ProductDetail.IsJsonObject(row.Specs) ? row : row with { Specs = ProductDto.NoSpecs };
    }
}
