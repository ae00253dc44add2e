using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Shop.WebApi.Pages.Errors;

/// <summary>The friendly page behind every HTML error (404, 403, 500, …); it keeps the original status code.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Show(code);

    // Re-executed POSTs (e.g. a form posted to a page that failed) render the same page.
    public void OnPost(int code) => Show(code);

    private void Show(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null) Response.StatusCode = Code;
    }

    public (string Title, string Text) Message => Code switch
    {
        403 => ("Not allowed", "Your account may not open this page. Staff pages need a staff account."),
        404 => ("Page not found", "There is nothing here — the product may have been removed or is not published yet."),
        405 => ("Not allowed", "This page cannot be used that way."),
        >= 500 => ("Something went wrong", "An unexpected error occurred. It has been logged; please try again."),
        _ => ("Request not accepted", "The request could not be handled."),
    };
}
