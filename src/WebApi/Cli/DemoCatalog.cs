using System.Text.Json;
using MediatR;
using Shop.Application.Categories.Commands;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.Tags.Commands;
using Shop.Domain.Products;

namespace Shop.WebApi.Cli;

/// <summary>
/// The demo catalog: a few categories, tags and products, created through the same commands the API
/// sends. Idempotent: whatever already exists (by slug) is left alone.
/// </summary>
public sealed class DemoCatalog(IMediator mediator, ICatalogReadStore store)
{
    private static readonly (string Name, string Slug)[] CategoryData =
        [("Keyboards", "keyboards"), ("Mice", "mice"), ("Monitors", "monitors"), ("Audio", "audio")];

    private static readonly string[] TagData = ["mechanical", "wireless", "rgb", "ergonomic", "budget"];

    private static readonly (string Name, string Category, decimal Price, ProductStatus Status, string[] Tags, string Description)[] ProductData =
    [
        ("MX Board", "keyboards", 299m, ProductStatus.Published, ["mechanical", "rgb"], "A full-size mechanical keyboard.\nHot-swappable switches, aluminium case."),
        ("Tenkey Lite", "keyboards", 89.9m, ProductStatus.Published, ["mechanical", "budget"], "A compact tenkeyless board for small desks."),
        ("Split Ergo 2", "keyboards", 349m, ProductStatus.Published, ["ergonomic", "mechanical"], "A split keyboard that keeps your wrists straight."),
        ("Café Crème Keycaps", "keyboards", 49.5m, ProductStatus.Published, ["rgb"], "PBT keycaps in warm coffee colours."),
        ("Glide Mouse", "mice", 59m, ProductStatus.Published, ["wireless"], "A light wireless mouse with a 70-hour battery."),
        ("Vertical Mouse", "mice", 79m, ProductStatus.Published, ["ergonomic", "wireless"], "A vertical grip that eases forearm strain."),
        ("Pocket Mouse", "mice", 19.99m, ProductStatus.Published, ["budget", "wireless"], "Fits in any bag."),
        ("UltraView 27", "monitors", 429m, ProductStatus.Published, [], "27-inch 1440p IPS monitor, 165 Hz."),
        ("Studio 32 4K", "monitors", 899m, ProductStatus.Published, [], "32-inch 4K panel calibrated for colour work."),
        ("Budget 24", "monitors", 129m, ProductStatus.Published, ["budget"], "24-inch 1080p everyday monitor."),
        ("Closed Back Headphones", "audio", 199m, ProductStatus.Published, [], "Quiet, comfortable, detailed."),
        ("Desk Speakers", "audio", 149m, ProductStatus.Published, ["rgb"], "A pair of compact powered speakers."),
        ("Prototype Pad", "keyboards", 39m, ProductStatus.Draft, ["mechanical"], "A macro pad still in development."),
        ("Old Wired Mouse", "mice", 9m, ProductStatus.Archived, ["budget"], "No longer sold."),
    ];

    /// <returns>How many products were created.</returns>
    public async Task<int> SeedAsync(CancellationToken ct)
    {
        var categorySlugs = (await store.ToListAsync(store.Categories.Select(c => c.Slug), ct)).ToHashSet();
        foreach (var (name, slug) in CategoryData.Where(c => !categorySlugs.Contains(c.Slug)))
            await mediator.Send(new CreateCategory { Name = name, Slug = slug }, ct);

        var tagSlugs = (await store.ToListAsync(store.Tags.Select(t => t.Slug), ct)).ToHashSet();
        foreach (var tag in TagData.Where(t => !tagSlugs.Contains(t)))
            await mediator.Send(new CreateTag { Name = tag, Slug = tag }, ct);

        var categories = await store.ToListAsync(store.Categories.Select(c => new { c.Id, c.Slug }), ct);
        var productSlugs = (await store.ToListAsync(store.Products.Select(p => p.Slug), ct)).ToHashSet();
        var created = 0;
        foreach (var p in ProductData)
        {
            var slug = Domain.Common.Slug.From(p.Name);
            if (productSlugs.Contains(slug)) continue;
            await mediator.Send(new CreateProduct
            {
                Name = p.Name,
                Slug = slug,
                Price = p.Price,
                Status = p.Status,
                Description = p.Description,
                CategoryId = categories.Single(c => c.Slug == p.Category).Id,
                Tags = p.Tags.Select(t => new TagInput { Slug = t, Weight = 1 }).ToList(),
                Specs = JsonSerializer.SerializeToElement(new { warrantyYears = 2 }),
            }, ct);
            created++;
        }
        return created;
    }
}
