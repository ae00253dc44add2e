using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.WebEncoders;

namespace Shop.WebApi.Web;

internal static class PagesSetup
{
    /// <summary>Razor Pages for the storefront, the staff forms and /admin; who may open what is declared here.</summary>
    public static IServiceCollection AddShopPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", AuthSetup.StaffPolicy);
            o.Conventions.ConfigureFilter(new NotFoundPageFilter());
            o.Conventions.ConfigureFilter(new FormRefusalPageFilter());
            o.Conventions.AuthorizePage("/Products/New", AuthSetup.StaffPolicy);
            o.Conventions.AuthorizePage("/Products/Edit", AuthSetup.StaffPolicy);
            o.Conventions.AuthorizePage("/Products/Delete", AuthSetup.StaffPolicy);
            // One form page serves both new and edit for categories and tags.
            o.Conventions.AddPageRoute("/Admin/Terms/Edit", "/admin/{kind:regex(^(categories|tags)$)}/new");
            // The login form's POSTs share the token endpoints' per-address limit.
            o.Conventions.AddPageApplicationModelConvention("/Accounts/Login",
                m => m.EndpointMetadata.Add(new TokenRateLimited()));
        });
        // Razor escapes what HTML needs (<, >, &, quotes) and writes every other character as itself, so "Café" is
        // "Café" in the page, not "Caf&#xE9;" (the default allows Basic Latin only).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "shop.csrf";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "shop.flash";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // TempData's cookie is not "essential" and defaults to SecurePolicy.None: Secure on HTTPS like the others.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}
