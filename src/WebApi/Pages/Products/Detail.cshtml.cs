using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Common.Exceptions;
using Shop.Application.Products;
using Shop.Application.Products.Queries;
using Shop.WebApi.Web;

namespace Shop.WebApi.Pages.Products;

public sealed class DetailModel(IMediator mediator) : PageModel
{
    public ProductDto Product { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        try
        {
            Product = await mediator.Send(new GetProductBySlug(slug), ct);
            return Page();
        }
        catch (NotFoundException)
        {
            // A renamed product's old link: one permanent redirect to its page, query kept.
            if (await mediator.Send(new FindRenamedProduct(slug), ct) is not { } current) throw;
            return RedirectPermanent(PublicUrls.Absolute(Request, $"/products/{current}", Request.QueryString));
        }
    }
}
