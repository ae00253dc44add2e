using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Shop.WebApi.Pages.Products;

public sealed class NewModel(IMediator mediator) : ProductFormPage(mediator)
{
    public Task OnGetAsync(CancellationToken ct) => LoadChoicesAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(Form.ToCreate(CheckboxUnreadable()), ct);
}
