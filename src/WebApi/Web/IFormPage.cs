using Microsoft.AspNetCore.Mvc;

namespace Shop.WebApi.Web;

/// <summary>
/// A page with a form that sends a command: when the application refuses it, <see cref="FormRefusalPageFilter"/> puts
/// the messages beside the fields and shows the form again, so the page's handler has no <c>catch</c> of its own.
/// </summary>
public interface IFormPage
{
    /// <summary>The model-state key of the form field that shows an API field's messages ("" for the whole form).</summary>
    string FieldKey(string apiField);

    /// <summary>The answer that shows the form again, with what was typed and the messages.</summary>
    Task<IActionResult> ShowAgainAsync(CancellationToken ct);
}
