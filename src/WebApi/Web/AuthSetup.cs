using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Shop.Application.Common.Interfaces;
using Shop.Application.Users.Commands;
using Shop.Infrastructure.Identity;

namespace Shop.WebApi.Web;

internal static class AuthSetup
{
    public const string StaffPolicy = "Staff";
    public const string CookieScheme = "Cookies";
    /// <summary>The claim of the sign-in cookie that holds the user's security stamp at sign-in.</summary>
    public const string SecurityStampClaim = "shop.stamp";
    private const string JwtOrCookie = "JwtOrCookie";

    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");

    public static IServiceCollection AddShopAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var jwt = configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
        services.AddAuthentication(JwtOrCookie)
            // The API authenticates bearer tokens only (no cookies, so no cross-site request forgery on it);
            // the web pages authenticate the sign-in cookie only.
            .AddPolicyScheme(JwtOrCookie, "Bearer token for the API, cookie for pages", o =>
                o.ForwardDefaultSelector = http => IsApi(http.Request) ? JwtBearerDefaults.AuthenticationScheme : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.LoginPath = "/accounts/login";
                o.LogoutPath = "/accounts/logout";
                o.Cookie.Name = "shop.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                // A signed-in user without the Staff role gets a 403 page, not a redirect to a page answering 200.
                // Every request checks the cookie against the user's current security stamp: signing out (or a new
                // password, or a lockout) ends sessions on the server, including copies of the cookie taken before.
                o.Events.OnValidatePrincipal = ValidateSessionAsync;
                o.Events.OnRedirectToAccessDenied = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = jwt.CreateSigningKey(),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "unique_name",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Staff));

        return services;
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext ctx)
    {
        var userId = ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = ctx.Principal?.FindFirstValue(SecurityStampClaim);
        var identity = ctx.HttpContext.RequestServices.GetRequiredService<IIdentityService>();
        if (userId is not null && stamp is not null
            && await identity.IsSessionCurrentAsync(userId, stamp, ctx.HttpContext.RequestAborted)) return;
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(CookieScheme);
    }
}
