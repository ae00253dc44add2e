using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Categories;
using Shop.Application.Categories.Queries;
using Shop.Application.Common.Models;
using Shop.Application.Products;

namespace Shop.WebApi.Pages.Products;

/// <summary>What the new and edit pages share: the form, the category choices, and sending the command.</summary>
public abstract class ProductFormPage(IMediator mediator) : PageModel
{
    [BindProperty] public ProductForm Form { get; set; } = new();

    public IReadOnlyList<CategoryDto> Categories { get; private set; } = [];

    protected IMediator Mediator => mediator;

    protected async Task LoadChoicesAsync(CancellationToken ct) =>
        Categories = (await mediator.Send(new ListCategories(1, Paging.MaxPageSize), ct)).Items;

    /// <summary>Sends the command built from the form; on a refusal shows the form again with the messages by their fields.</summary>
    protected async Task<IActionResult> SaveAsync(IRequest<ProductDto>? command, CancellationToken ct)
    {
        if (command is not null)
        {
            try
            {
                var product = await mediator.Send(command, ct);
                TempData["Flash"] = "Product saved";
                return Redirect($"/products/{product.Slug}");
            }
            catch (Exception ex) when (FormErrors.TryAdd(ModelState, ex, ProductForm.KeyOf))
            {
            }
        }
        await LoadChoicesAsync(ct);
        return Page();
    }
}
