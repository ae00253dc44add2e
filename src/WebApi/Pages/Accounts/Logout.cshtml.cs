using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.WebApi.Web;

namespace Shop.WebApi.Pages.Accounts;

/// <summary>Logging out is a POST (a link or image elsewhere cannot log you out); GET shows the button.</summary>
public sealed class LogoutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AuthSetup.CookieScheme);
        TempData["Flash"] = "You are logged out.";
        return Redirect("/");
    }
}
