using Microsoft.AspNetCore.Mvc.Filters;

namespace Shop.WebApi.Web;

/// <summary>
/// A refused form submission (a validation, conflict, domain or stale-version refusal thrown by the command it sent)
/// shows its page again with the messages by their fields: one rule here instead of a <c>catch</c> in every form page.
/// Anything else keeps flowing to the error handling.
/// </summary>
internal sealed class FormRefusalPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed is { Exception: { } ex, ExceptionHandled: false, HandlerInstance: IFormPage page }
            && FormErrors.TryAdd(executed.ModelState, ex, page.FieldKey))
        {
            executed.ExceptionHandled = true;
            executed.Result = await page.ShowAgainAsync(context.HttpContext.RequestAborted);
        }
    }
}
