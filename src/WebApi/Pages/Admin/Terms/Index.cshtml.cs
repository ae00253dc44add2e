using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Common.Models;

namespace Shop.WebApi.Pages.Admin.Terms;

public sealed class TermListModel(IMediator mediator) : PageModel
{
    public TermKind Kind { get; private set; } = null!;
    public PagedList<Term> Terms { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string kind, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        if (TermKind.Of(kind) is not { } k) return NotFound();
        Kind = k;
        Terms = await k.ListAsync(mediator, int.TryParse(page, out var n) && n > 0 ? n : 1, ct);
        return Page();
    }
}
