using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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
    protected async Task<IActionResult> SaveAsync<TCommand>(TCommand command, CancellationToken ct)
        where TCommand : IRequest<ProductDto>
    {
        ForgetUnreadableCheckbox();
        if (ModelState.IsValid)
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
        else
        {
            await AddRuleMessagesAsync(command, ct);
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>
    /// Some fields did not even parse, so the command is not sent; the command's own rules still run on
    /// the rest so that every problem is shown at once, not one round trip at a time.
    /// </summary>
    private async Task AddRuleMessagesAsync<TCommand>(TCommand command, CancellationToken ct)
    {
        foreach (var validator in HttpContext.RequestServices.GetServices<IValidator<TCommand>>())
        {
            var result = await validator.ValidateAsync(command, ct);
            foreach (var failure in result.Errors)
            {
                var key = ProductForm.KeyOf(failure.PropertyName);
                if (ModelState.GetFieldValidationState(key) != ModelValidationState.Invalid) ModelState.AddModelError(key, failure.ErrorMessage);
            }
        }
    }

    /// <summary>
    /// A browser only ever posts "true" for the checkbox; anything else was made by hand. The checkbox
    /// helper cannot show such a value again, so the form keeps the model's value and says why.
    /// </summary>
    private void ForgetUnreadableCheckbox()
    {
        const string key = "Form.IsActive";
        if (ModelState.GetFieldValidationState(key) != ModelValidationState.Invalid) return;
        ModelState.Remove(key);
        ModelState.AddModelError(key, "Tick the box or leave it empty.");
    }
}
