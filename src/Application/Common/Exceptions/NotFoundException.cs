namespace Shop.Application.Common.Exceptions;

/// <summary>The resource does not exist, or the caller may not see it (both answer 404).</summary>
public sealed class NotFoundException(string resource, object key)
    : Exception($"{resource} '{key}' was not found.");
