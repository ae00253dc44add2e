using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Categories;
using Shop.Application.Categories.Queries;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.WebApi.Web;

namespace Shop.WebApi.Pages.Products;

/// <summary>
/// What the new and edit pages share: the form, the category choices, and sending the command. A refusal comes back
/// as the form with its messages (<see cref="FormRefusalPageFilter"/>); text that did not parse travels in the command
/// (<see cref="ProductInput.UnreadableFields"/>), so its messages come back with every other field's.
/// </summary>
public abstract class ProductFormPage(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty] public ProductForm Form { get; set; } = new();

    public IReadOnlyList<CategoryDto> Categories { get; private set; } = [];

    protected IMediator Mediator => mediator;

    protected async Task LoadChoicesAsync(CancellationToken ct) =>
        Categories = (await mediator.Send(new ListCategories(1, Paging.MaxPageSize), ct)).Items;

    protected async Task<IActionResult> SaveAsync(IRequest<ProductDto> command, CancellationToken ct)
    {
        var product = await mediator.Send(command, ct);
        TempData["Flash"] = "Product saved";
        return Redirect($"/products/{product.Slug}");
    }

    /// <summary>
    /// A browser only ever posts "true" for the checkbox; anything else was made by hand. The checkbox helper cannot
    /// show such a value again, so its binding error is dropped (the form keeps the model's value) and the command
    /// carries the field as unreadable, which says why.
    /// </summary>
    protected bool CheckboxUnreadable()
    {
        const string key = "Form.IsActive";
        if (ModelState.GetFieldValidationState(key) != ModelValidationState.Invalid) return false;
        ModelState.Remove(key);
        return true;
    }

    public string FieldKey(string apiField) => ProductForm.KeyOf(apiField);

    public async Task<IActionResult> ShowAgainAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        return Page();
    }
}
