using FluentValidation.Results;

namespace Shop.Application.Common.Exceptions;

/// <summary>Bad input: <see cref="Errors"/> maps each camelCase field (or item path such as <c>[3].price</c>) to its messages.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more validation errors occurred.") => Errors = errors;

    public ValidationException(IEnumerable<ValidationFailure> failures)
        : this(failures
            .GroupBy(f => FieldPath.ToCamelCase(f.PropertyName), f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray()))
    {
    }

    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>For a file (the import): every refused row by line, with the field to blame when there is one.</summary>
    public IReadOnlyList<Imports.ImportRowError> Rows { get; init; } = [];
}
