using MediatR;
using Microsoft.AspNetCore.Mvc;
using Shop.Application.Products.Queries;

namespace Shop.WebApi.Pages.Products;

public sealed class EditModel(IMediator mediator) : ProductFormPage(mediator)
{
    [BindProperty] public int Id { get; set; }

    public string CurrentSlug { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var product = await Mediator.Send(new GetProductBySlug(slug), ct);
        (Id, CurrentSlug, Form) = (product.Id, product.Slug, ProductForm.From(product));
        await LoadChoicesAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        CurrentSlug = slug;
        return SaveAsync(Form.ToReplace(Id, CheckboxUnreadable()), ct);
    }
}
