using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Shop.WebApi.Pages.Errors;

/// <summary>The friendly page behind every HTML error (404, 403, 500, …); it keeps the original status code.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet() => Show();

    // Re-executed POSTs (e.g. a form posted to a page that failed) render the same page.
    public void OnPost() => Show();

    // The code is read from the route, not bound: binding would read the failed request's form again, and a body
    // cut off at its size limit fails that read, which would leave the code unbound (shown as a 404).
    private void Show()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;
        Code = code is >= 400 and <= 599 ? code : 404;
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null) Response.StatusCode = Code;
    }

    public (string Title, string Text) Message => Code switch
    {
        403 => ("Not allowed", "Your account may not open this page. Staff pages need a staff account."),
        404 => ("Page not found", "There is nothing here — the product may have been removed or is not published yet."),
        405 => ("Not allowed", "This page cannot be used that way."),
        413 => ("Too large", "What was sent is larger than this page accepts. Images may be at most 5 MiB."),
        >= 500 => ("Something went wrong", "An unexpected error occurred. It has been logged; please try again."),
        _ => ("Request not accepted", "The request could not be handled."),
    };
}
