using System.Security.Claims;
using Shop.Application.Common.Interfaces;
using Shop.Application.Users.Commands;

namespace Shop.WebApi.Web;

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    private bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    // A bearer token names the user in "sub" (inbound claims are not mapped); the sign-in cookie in NameIdentifier.
    public string? UserId => IsAuthenticated ? Principal!.FindFirstValue("sub") ?? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string? UserName => IsAuthenticated ? Principal!.Identity!.Name : null;

    public bool IsStaff => Principal?.IsInRole(Roles.Staff) == true;
}
