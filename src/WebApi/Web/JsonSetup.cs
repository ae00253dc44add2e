using System.Buffers;
using System.Globalization;
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

    /// <summary>
    /// Every decimal the API reads is money: a JSON number with at most 2 decimals. The number's text is checked
    /// exactly, before <see cref="decimal"/> rounds it: <c>1E-400</c> or <c>0.001</c> must not become a valid 0, while
    /// <c>1e2</c> is 100. Decimals go out as plain numbers without trailing zeros (<c>299</c>, <c>199.9</c>).
    /// </summary>
    internal sealed class MoneyConverter : JsonConverter<decimal>
    {
        public const int MaxDecimals = 2;

        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number) throw new JsonValueException("Must be a number.");
            var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            if (Decimals(raw) > MaxDecimals) throw new JsonValueException($"Must be a number with at most {MaxDecimals} decimals.");
            if (!reader.TryGetDecimal(out var value)) throw new JsonValueException("Must be a number in range.");
            return value;
        }

        /// <summary>
        /// The decimal places of the number written in <paramref name="number"/> (JSON number grammar), exactly:
        /// <c>1.50</c> → 1, <c>1e2</c> → 0, <c>0.001</c> → 3, <c>1E-400</c> → 400; zero, however written, has none.
        /// </summary>
        internal static long Decimals(ReadOnlySpan<byte> number)
        {
            var i = number.Length > 0 && number[0] == (byte)'-' ? 1 : 0;
            long fractionDigits = 0, trailingZeros = 0;
            var anyNonZero = false;
            var inFraction = false;
            for (; i < number.Length && number[i] is not ((byte)'e' or (byte)'E'); i++)
            {
                var c = number[i];
                if (c == (byte)'.') { inFraction = true; continue; }
                if (inFraction) fractionDigits++;
                if (c == (byte)'0') trailingZeros++;
                else { anyNonZero = true; trailingZeros = 0; }
            }
            if (!anyNonZero) return 0;

            long exponent = 0;
            if (i < number.Length)
            {
                i++;
                var negative = i < number.Length && number[i] == (byte)'-';
                if (i < number.Length && number[i] is (byte)'-' or (byte)'+') i++;
                // Saturates: an exponent past a billion is far outside any amount either way.
                for (; i < number.Length; i++) exponent = Math.Min(exponent * 10 + (number[i] - '0'), 1_000_000_000);
                if (negative) exponent = -exponent;
            }
            // The value is (digits without their trailing zeros) × 10^(exponent − fraction digits + trailing zeros).
            return Math.Max(0, fractionDigits - trailingZeros - exponent);
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
