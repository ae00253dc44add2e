using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Models;
using Shop.Application.History;
using Shop.Application.Products.Queries;

namespace Shop.WebApi.Pages.Admin.Products;

/// <summary>
/// A product's change history, newest first, paged: the same query as <c>GET /api/products/{id}/history</c>. A deleted
/// product's history is shown too, under its id.
/// </summary>
public sealed class AdminProductHistoryModel(IMediator mediator) : PageModel
{
    public const int PageSize = 20;

    public int Id { get; private set; }

    /// <summary>The product's name and slug; null once it is deleted.</summary>
    public (string Name, string Slug)? Product { get; private set; }

    public PagedList<HistoryEntryDto> Entries { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery(Name = "page")] int page = 1, CancellationToken ct = default)
    {
        Id = id;
        try
        {
            Entries = await mediator.Send(new GetProductHistory(id, Math.Max(page, 1), PageSize), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        try
        {
            var product = await mediator.Send(new GetProductById(id), ct);
            Product = (product.Name, product.Slug);
        }
        catch (NotFoundException)
        {
            Product = null;
        }
        return Page();
    }

    /// <summary>A value as the page shows it: JSON text, strings without their quotes, nothing as an em dash.</summary>
    public static string Show(System.Text.Json.Nodes.JsonNode? value) => value switch
    {
        null => "—",
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
