using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Products.Queries;

namespace Shop.WebApi.Pages.Admin;

public sealed class DashboardModel(IMediator mediator) : PageModel
{
    public CatalogCounts Counts { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Counts = await mediator.Send(new GetCatalogCounts(), ct);
}
