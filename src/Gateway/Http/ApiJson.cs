using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auction.Gateway.Http;

/// <summary>
/// The one JSON dialect of the API (API.md conventions): camelCase, enums as camelCase strings, absent values as null,
/// times in UTC with <c>Z</c> (<see cref="ApiTime"/>), and strict input — unknown fields, missing required fields,
/// numbers in strings, unknown enum values, times without an offset and numbers a <c>decimal</c> cannot hold
/// exactly are all refused.
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // API responses are JSON, not HTML: keep '+' in times and Chinese rule texts readable instead of \uXXXX.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new UtcTimeConverter());
        options.Converters.Add(new ExactDecimalConverter());
    }

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}

/// <summary>A value the API refuses with a message of its own; the field's JSON path is put in front of it.</summary>
public class ApiJsonValueException(string message) : JsonException(message);

/// <summary>
/// A JSON number that <c>decimal</c> cannot hold exactly. Refused as <c>422 VALIDATION_FAILED</c> naming the field,
/// like an amount with three decimals: the request is well-formed JSON, the value is not acceptable.
/// </summary>
public sealed class InexactNumberException(string message) : ApiJsonValueException(message);

/// <summary>Writes instants as UTC with <c>Z</c>; reads only ISO 8601 times that carry an offset.</summary>
public sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException();
        if (ApiTime.TryParse(reader.GetString(), out var value, out var problem)) return value;
        throw new ApiJsonValueException(problem!);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ApiTime.Format(value));
}

/// <summary>
/// Reads a JSON number into a <c>decimal</c> only when the decimal holds exactly the number written. The raw token is
/// checked before any conversion: <c>decimal</c> parsing would silently round 29 decimals or a 30-digit mantissa.
/// </summary>
public sealed class ExactDecimalConverter : JsonConverter<decimal>
{
    public const string Inexact =
        "is a number the API cannot hold exactly (it allows at most 28 significant digits, at most 28 decimal places " +
        "and at most 79228162514264337593543950335); it was refused, not rounded";

    // 2^96 − 1: the largest mantissa of a decimal.
    private static readonly BigInteger MaxMantissa = (BigInteger.One << 96) - 1;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number) throw new JsonException();
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        var text = System.Text.Encoding.ASCII.GetString(raw);
        if (!IsExact(text)) throw new InexactNumberException(Inexact);
        return decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    /// <summary>Whether the JSON number <paramref name="number"/> (RFC 8259 grammar) is exactly a <c>decimal</c>.</summary>
    public static bool IsExact(string number)
    {
        var exponentAt = number.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? number : number[..exponentAt];
        if (!long.TryParse(exponentAt < 0 ? "0" : number[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
            return false; // an exponent beyond ±9.2e18 is beyond any decimal
        mantissa = mantissa.TrimStart('-');
        var point = mantissa.IndexOf('.');
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }
        // The value is digits × 10^exponent; drop the zeros that carry no information.
        var digits = mantissa.TrimStart('0');
        if (digits.Length == 0) return true; // zero
        var significant = digits.TrimEnd('0');
        exponent += digits.Length - significant.Length;
        if (significant.Length > 29) return false;
        if (exponent >= 0)
            return significant.Length + exponent <= 29
                && BigInteger.Parse(significant, CultureInfo.InvariantCulture) * BigInteger.Pow(10, (int)exponent) <= MaxMantissa;
        return -exponent <= 28 && BigInteger.Parse(significant, CultureInfo.InvariantCulture) <= MaxMantissa;
    }
}
