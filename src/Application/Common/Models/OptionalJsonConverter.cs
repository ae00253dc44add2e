using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.Application.Common.Models;

/// <summary>
/// Reads <see cref="Optional{T}"/>: an absent property stays unset; a present one is set. JSON <c>null</c>
/// is accepted only when its <c>T</c> is a nullable value type (the contract's only nullable
/// field is a product's <c>categoryId</c>); anywhere else it is a validation error of that field.
/// </summary>
public sealed class OptionalJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalJsonConverter<T> : JsonConverter<Optional<T>>
    {
        private static readonly bool NullAllowed = Nullable.GetUnderlyingType(typeof(T)) is not null;

        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                if (!NullAllowed) throw new JsonValueException("This field may not be null.");
                return new Optional<T>(default!);
            }
            T? value;
            try
            {
                value = JsonSerializer.Deserialize<T>(ref reader, options);
            }
            catch (JsonException nested)
            {
                // The nested read reports its path from its own root ($). Thrown again without a path, the outer
                // serializer says where this value is (e.g. $.price), and the nested failure says where in it.
                throw new JsonValueException(nested);
            }
            if (value is null) throw new JsonValueException("This field may not be null.");
            return new Optional<T>(value);
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
        {
            if (value.IsSet) JsonSerializer.Serialize(writer, value.Value, options);
            else writer.WriteNullValue();
        }
    }
}
