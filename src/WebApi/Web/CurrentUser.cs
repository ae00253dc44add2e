using System.Security.Claims;
using Shop.Application.Common.Interfaces;
using Shop.Application.Users.Commands;

namespace Shop.WebApi.Web;

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public string? UserName => Principal?.Identity?.IsAuthenticated == true ? Principal.Identity.Name : null;

    public bool IsStaff => Principal?.IsInRole(Roles.Staff) == true;
}
