using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Shop.Application.Common.Models;

namespace Shop.WebApi.Web;

/// <summary>The one JSON shape of the API: camelCase, strict on input (unknown properties and nulls refused), tidy on output.</summary>
public static class JsonSetup
{
    public static void Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.RespectNullableAnnotations = true;
        o.NumberHandling = JsonNumberHandling.Strict;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        o.Converters.Add(new MoneyConverter());
        o.Converters.Add(new UtcDateTimeConverter());
    }

    /// <summary>Decimals go out as plain numbers without trailing zeros (<c>299</c>, <c>199.9</c>).</summary>
    private sealed class MoneyConverter : JsonConverter<decimal>
    {
        // Every decimal the API reads is money (at most 2 decimals). A number decimal cannot hold exactly
        // (more than 28 fraction digits, or so small it rounds to 0) must not be silently rounded into a valid one.
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number) throw new JsonValueException("Must be a number.");
            if (!reader.TryGetDecimal(out var value)) throw new JsonValueException("Must be a number in range.");
            var raw = reader.HasValueSequence ? Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence)) : Encoding.UTF8.GetString(reader.ValueSpan);
            if (LosesPrecision(raw, value)) throw new JsonValueException("Must be a number with at most 2 decimals.");
            return value;
        }

        private static bool LosesPrecision(string raw, decimal value)
        {
            var exponent = raw.IndexOfAny(['e', 'E']);
            if (exponent >= 0)
                return value == 0 && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d != 0;
            var dot = raw.IndexOf('.', StringComparison.Ordinal);
            return dot >= 0 && raw[(dot + 1)..].TrimEnd('0').Length > 28;
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("0.##", CultureInfo.InvariantCulture), skipInputValidation: true);
    }

    /// <summary>ISO-8601 UTC with at most microseconds (what PostgreSQL keeps), so every database answers alike.</summary>
    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTime().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        {
            var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
            writer.WriteStringValue(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture));
        }
    }
}
