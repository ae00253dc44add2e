using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.Products.Queries;

namespace Shop.WebApi.Pages.Products;

/// <summary>Asks first (GET), deletes on the confirming POST.</summary>
public sealed class DeleteModel(IMediator mediator) : PageModel
{
    public ProductDto Product { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Product = await mediator.Send(new GetProductBySlug(slug), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        var product = await mediator.Send(new GetProductBySlug(slug), ct);
        await mediator.Send(new DeleteProduct(product.Id), ct);
        TempData["Flash"] = "Product deleted";
        return Redirect("/");
    }
}
