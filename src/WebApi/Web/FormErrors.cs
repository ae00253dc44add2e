using Microsoft.AspNetCore.Mvc.ModelBinding;
using Shop.Application.Common.Exceptions;
using Shop.Domain.Common;

namespace Shop.WebApi.Web;

/// <summary>Puts the application's refusals next to the form fields they are about.</summary>
internal static class FormErrors
{
    /// <returns>True when the exception was a refusal the form can show; false for anything unexpected.</returns>
    public static bool TryAdd(ModelStateDictionary modelState, Exception ex, Func<string, string> keyOf)
    {
        switch (ex)
        {
            case ValidationException v:
                foreach (var (field, messages) in v.Errors)
                    foreach (var m in messages) modelState.AddModelError(keyOf(field), m);
                return true;
            case ConflictException c:
                modelState.AddModelError(c.Field is null ? string.Empty : keyOf(c.Field), c.Message);
                return true;
            case DomainException d:
                modelState.AddModelError(d.Field is null ? string.Empty : keyOf(d.Field), d.Message);
                return true;
            case PreconditionFailedException p:
                modelState.AddModelError(string.Empty, p.Message);
                return true;
            // An upload the API answers 415 or 413: the form says so beside its file field.
            case UnsupportedMediaTypeException or PayloadTooLargeException:
                modelState.AddModelError(keyOf("file"), ex.Message);
                return true;
            default:
                return false;
        }
    }
}
