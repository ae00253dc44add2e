namespace Shop.Application.Common.Models;

/// <summary>
/// A field of a merge patch: absent (<see cref="IsSet"/> false, leave unchanged) or present with a value
/// (which may be null where the field is nullable).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OptionalJsonConverterFactory))]
public readonly record struct Optional<T>(T Value)
{
    public bool IsSet { get; } = true;

    public static implicit operator Optional<T>(T value) => new(value);

    public T GetValueOr(T fallback) => IsSet ? Value : fallback;
}
