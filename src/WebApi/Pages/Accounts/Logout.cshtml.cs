using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Auth.Commands;
using Shop.WebApi.Web;

namespace Shop.WebApi.Pages.Accounts;

/// <summary>Logging out is a POST (a link or image elsewhere cannot log you out); GET shows the button.</summary>
public sealed class LogoutModel(IMediator mediator) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Ends the sessions on the server too: a copy of the cookie taken before this POST no longer signs anyone in.
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId) await mediator.Send(new EndSessions(userId), ct);
        await HttpContext.SignOutAsync(AuthSetup.CookieScheme);
        TempData["Flash"] = "You are logged out.";
        return Redirect("/");
    }
}
