using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Shop.WebApi.Web;

/// <summary>
/// Reads a posted form before the antiforgery check does (which runs at order 1000 and would turn a form cut off at
/// the size limits into a 400), so a page whose body is past its <see cref="RequestSizeLimitAttribute"/> or
/// <see cref="RequestFormLimitsAttribute"/> (both at order 900, applied first) answers 413 with the error page.
/// Authorization has already run (endpoint middleware), so only permitted users get their body read.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RejectOversizedFormAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType) return;
        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
