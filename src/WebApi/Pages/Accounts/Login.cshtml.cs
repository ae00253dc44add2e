using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Auth.Commands;
using Shop.Application.Common.Exceptions;
using Shop.WebApi.Web;

namespace Shop.WebApi.Pages.Accounts;

/// <summary>Signs in with the same users, password check and lockout as <c>POST /api/token</c>, then sets the cookie.</summary>
public sealed class LoginModel(IMediator mediator) : PageModel
{
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var user = await mediator.Send(new VerifyCredentials(Username, Password), ct);
            var claims = new List<Claim>
            {
                new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.UserName), new(AuthSetup.SecurityStampClaim, user.SecurityStamp),
            };
            claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
            await HttpContext.SignInAsync(AuthSetup.CookieScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSetup.CookieScheme)));
            return LocalRedirect(LocalUrl.OrFallback(ReturnUrl));
        }
        catch (ValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
                foreach (var m in messages) ModelState.AddModelError(field == "username" ? nameof(Username) : nameof(Password), m);
        }
        catch (AuthenticationFailedException)
        {
            ModelState.AddModelError(string.Empty, "The username or password is not right, or the account is locked for a few minutes.");
        }
        Password = null;
        return Page();
    }
}
