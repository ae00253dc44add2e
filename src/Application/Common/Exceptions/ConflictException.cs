namespace Shop.Application.Common.Exceptions;

/// <summary>The request clashes with the current state: a unique value already taken, a stale write.</summary>
public sealed class ConflictException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
