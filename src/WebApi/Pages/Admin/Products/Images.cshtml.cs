using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Common.Exceptions;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.Products.Queries;
using Shop.WebApi.Web;

namespace Shop.WebApi.Pages.Admin.Products;

/// <summary>
/// A product's images: lists them by position, uploads one and deletes one through the same commands the API sends
/// (<see cref="AddProductImage"/>, <see cref="DeleteProductImage"/>). The form's fields are the API's: file, alt, position.
/// </summary>
/// <remarks>
/// The command itself refuses a file over 5 MiB, with a message beside the file field; the server only cuts off a body
/// well past that (a 413 page), so an ordinary too-big photo gets the message rather than an error page.
/// </remarks>
[RequestSizeLimit(BodyLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = BodyLimitBytes)]
[RejectOversizedForm]
public sealed class AdminProductImagesModel(IMediator mediator) : PageModel, IFormPage
{
    public const long BodyLimitBytes = 4 * ProductImageFiles.MaxRequestBytes;

    public ProductDto Product { get; private set; } = null!;

    /// <summary>The product's id from the route, for showing the page again after a refusal.</summary>
    public int Id { get; private set; }

    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }
    [BindProperty(Name = "alt")] public string? Alt { get; set; }
    [BindProperty(Name = "position")] public string? Position { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        Id = id;
        var position = 0;
        if (!string.IsNullOrWhiteSpace(Position) && !int.TryParse(Position, NumberStyles.Integer, CultureInfo.InvariantCulture, out position))
            ModelState.AddModelError("position", "The position must be a whole number.");
        if (!ModelState.IsValid) return await ShowAgainAsync(ct);
        await using var content = Upload?.OpenReadStream();
        await mediator.Send(new AddProductImage { ProductId = id, File = content, Alt = Alt, Position = position }, ct);
        TempData["Flash"] = "Image added.";
        return Redirect($"/admin/products/{id}/images");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromForm] int imageId, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new DeleteProductImage(id, imageId), ct);
            TempData["Flash"] = "Image deleted.";
        }
        catch (NotFoundException)
        {
            // Already gone (a second click), or the product is: the list shows what is left, or the 404 page.
            TempData["Flash"] = "That image no longer exists.";
        }
        return Redirect($"/admin/products/{id}/images");
    }

    /// <summary>The messages of one form field (file, alt, position), or of the form as a whole with "".</summary>
    public string ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : "";

    /// <summary>The form's fields are named as the API's (file, alt, position).</summary>
    public string FieldKey(string apiField) => apiField;

    public async Task<IActionResult> ShowAgainAsync(CancellationToken ct) =>
        await LoadAsync(Id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        try
        {
            Product = await mediator.Send(new GetProductById(id), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
