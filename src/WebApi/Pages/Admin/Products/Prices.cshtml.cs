using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Common.Exceptions;
using Shop.Application.Products.Commands;
using Shop.Domain.Common;

namespace Shop.WebApi.Pages.Admin.Products;

/// <summary>
/// The product list's bulk price change: the list's filters (carried over from /admin/products) pick the products, a
/// preview shows what would change, and a confirmation applies it. It sends the API's <see cref="ChangeProductPrices"/>.
/// </summary>
public sealed class AdminProductPricesModel(IMediator mediator) : PageModel
{
    public AdminProductFilter Filter { get; private set; } = AdminProductFilter.Read(null, null, null, null, null, null);

    /// <summary><c>percent</c> or <c>amount</c>, and the value as typed.</summary>
    public string By { get; private set; } = "percent";
    public string? Value { get; private set; }

    public PriceChangeDto? Preview { get; private set; }
    public Dictionary<string, string[]> Errors { get; } = [];

    public void OnGet([FromQuery] string? q, [FromQuery] string? status, [FromQuery] string? active, [FromQuery] string? category,
        [FromQuery] string? from, [FromQuery] string? to) => Filter = AdminProductFilter.Read(q, status, active, category, from, to);

    public async Task<IActionResult> OnPostPreviewAsync(
        [FromForm] string? q, [FromForm] string? status, [FromForm] string? active, [FromForm] string? category,
        [FromForm] string? from, [FromForm] string? to, [FromForm] string? by, [FromForm] string? value, CancellationToken ct)
    {
        Filter = AdminProductFilter.Read(q, status, active, category, from, to);
        if (Command(by, value, preview: true) is not { } command) return Page();
        await SendAsync(command, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(
        [FromForm] string? q, [FromForm] string? status, [FromForm] string? active, [FromForm] string? category,
        [FromForm] string? from, [FromForm] string? to, [FromForm] string? by, [FromForm] string? value, CancellationToken ct)
    {
        Filter = AdminProductFilter.Read(q, status, active, category, from, to);
        if (Command(by, value, preview: false) is not { } command) return Page();
        if (await SendAsync(command, ct) is not { } done) return Page();
        TempData["Flash"] = $"Changed the price of {done.Count} product{(done.Count == 1 ? "" : "s")}.";
        return LocalRedirect(ListLink);
    }

    /// <summary>The product list with the same filters.</summary>
    public string ListLink => "/admin/products" + QueryString.Create(Filter.Values);

    private async Task<PriceChangeDto?> SendAsync(ChangeProductPrices command, CancellationToken ct)
    {
        try
        {
            var answer = await mediator.Send(command, ct);
            if (command.Preview) Preview = answer;
            return answer;
        }
        catch (ValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors) Errors[field is "amount" or "percent" ? "value" : field] = messages;
        }
        catch (DomainException ex)
        {
            Errors["value"] = [ex.Message];
        }
        return null;
    }

    private ChangeProductPrices? Command(string? by, string? value, bool preview)
    {
        By = by == "amount" ? "amount" : "percent";
        Value = value;
        if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            Errors["value"] = ["Enter a number, such as -10 or 2.50."];
            return null;
        }
        return new ChangeProductPrices
        {
            Search = Filter.Q, Status = Filter.Status, IsActive = Filter.Active, Category = Filter.Category, CreatedFrom = Filter.From, CreatedTo = Filter.To,
            Amount = By == "amount" ? number : null,
            Percent = By == "percent" ? number : null,
            Preview = preview,
        };
    }
}
