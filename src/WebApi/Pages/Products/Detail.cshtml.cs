using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Products;
using Shop.Application.Products.Queries;

namespace Shop.WebApi.Pages.Products;

public sealed class DetailModel(IMediator mediator) : PageModel
{
    public ProductDto Product { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Product = await mediator.Send(new GetProductBySlug(slug), ct);
        return Page();
    }
}
