using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Common.Exceptions;
using Shop.Domain.Common;

namespace Shop.WebApi.Pages.Admin.Terms;

/// <summary>Asks, then deletes; a category still in use is not deleted and the page says why.</summary>
public sealed class TermDeleteModel(IMediator mediator) : PageModel
{
    public TermKind Kind { get; private set; } = null!;
    public Term Term { get; private set; } = null!;
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, int id, CancellationToken ct) => await LoadAsync(kind, id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string kind, int id, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        try
        {
            await Kind.DeleteAsync(mediator, id, ct);
        }
        catch (Exception ex) when (ex is DomainException or ConflictException)
        {
            Refusal = ex.Message;
            return Page();
        }
        TempData["Flash"] = $"The {Kind.Singular} “{Term.Name}” was deleted.";
        return Redirect($"/admin/{Kind.Route}");
    }

    private async Task<bool> LoadAsync(string kind, int id, CancellationToken ct)
    {
        if (TermKind.Of(kind) is not { } k) return false;
        Kind = k;
        Term = await k.GetAsync(mediator, id, ct);
        return true;
    }
}
