using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auction.Gateway.Http;

/// <summary>
/// The one JSON dialect of the API (API.md conventions): camelCase, enums as camelCase strings, absent values as null,
/// and strict input — unknown fields, missing required fields, numbers in strings and unknown enum values are
/// all malformed requests.
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
    }

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
