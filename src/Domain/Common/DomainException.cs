namespace Shop.Domain.Common;

/// <summary>
/// A business rule refused the operation (an illegal status move, a price leaving its range,
/// a category still in use, ...). <see cref="Field"/> names the input the rule is about, when one does.
/// </summary>
public sealed class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
