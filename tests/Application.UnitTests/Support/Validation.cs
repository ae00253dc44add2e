using FluentValidation;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.UnitTests.Support;

internal static class Validation
{
    /// <summary>The errors as the API shows them: camelCase field → messages (empty when valid).</summary>
    public static IReadOnlyDictionary<string, string[]> ErrorsOf<T>(IValidator<T> validator, T request)
    {
        var result = validator.Validate(request);
        return result.IsValid ? new Dictionary<string, string[]>() : new ValidationException(result.Errors).Errors;
    }
}
