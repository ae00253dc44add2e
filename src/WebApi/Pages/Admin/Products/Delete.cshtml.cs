using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.Products.Queries;

namespace Shop.WebApi.Pages.Admin.Products;

/// <summary>The bulk delete's confirmation page: lists what will go, deletes on POST.</summary>
public sealed class AdminDeleteProductsModel(IMediator mediator) : PageModel
{
    private const int MaxShown = 100;

    public IReadOnlyList<ProductDto> Products { get; private set; } = [];
    public int[] Ids { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] string[]? ids, CancellationToken ct)
    {
        Ids = Parse(ids);
        var found = await mediator.Send(new GetProductsByIds(Ids.Take(MaxShown).ToArray()), ct);
        if (found.Count == 0)
        {
            TempData["Flash"] = "Those products no longer exist.";
            return Redirect("/admin/products");
        }
        Products = found;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string[]? ids, CancellationToken ct)
    {
        var selected = Parse(ids);
        if (selected.Length == 0) return Redirect("/admin/products");
        var outcome = await mediator.Send(new ApplyToProducts(selected, ProductAction.Delete), ct);
        TempData["Flash"] = AdminProductsModel.Summary(outcome, ProductAction.Delete);
        return Redirect("/admin/products");
    }

    private static int[] Parse(string[]? ids) =>
        (ids ?? []).Select(i => int.TryParse(i, out var id) ? id : 0).Where(id => id > 0).Distinct().Take(1000).ToArray();
}
