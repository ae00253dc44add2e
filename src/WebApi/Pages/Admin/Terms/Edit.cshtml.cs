using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Common.Models;
using Shop.WebApi.Web;

namespace Shop.WebApi.Pages.Admin.Terms;

/// <summary>New (no id) and edit forms of a category or tag.</summary>
public sealed class TermEditModel(IMediator mediator) : PageModel, IFormPage
{
    public TermKind Kind { get; private set; } = null!;
    public int? Id { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Slug { get; set; }

    public async Task<IActionResult> OnGetAsync(string kind, int? id, CancellationToken ct)
    {
        if (TermKind.Of(kind) is not { } k) return NotFound();
        (Kind, Id) = (k, id);
        if (id is null) return Page();
        var term = await k.GetAsync(mediator, id.Value, ct);
        (Name, Slug) = (term.Name, term.Slug);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, int? id, CancellationToken ct)
    {
        if (TermKind.Of(kind) is not { } k) return NotFound();
        (Kind, Id) = (k, id);
        var slug = string.IsNullOrWhiteSpace(Slug) ? default : new Optional<string>(Slug.Trim());
        if (id is null) await k.CreateAsync(mediator, Name, slug, ct);
        else await k.UpdateAsync(mediator, id.Value, Name, slug, ct);
        TempData["Flash"] = $"The {k.Singular} was saved.";
        return Redirect($"/admin/{k.Route}");
    }

    public string FieldKey(string apiField) => apiField switch
    {
        "name" => nameof(Name),
        "slug" => nameof(Slug),
        _ => string.Empty,
    };

    public Task<IActionResult> ShowAgainAsync(CancellationToken ct) => Task.FromResult<IActionResult>(Page());
}
