using System.Text.Json;

namespace Auction.Gateway.Http;

/// <summary>
/// An enum in a query string, spelled as the API spells it in JSON (camelCase: <c>?status=timedBidding</c>,
/// <c>?use=industrial</c>). Minimal APIs bind plain enums case-sensitively (PascalCase only); this binder ignores
/// case and refuses numbers and comma lists, so an unknown value stays a 400 MALFORMED_REQUEST whose message lists
/// the allowed values.
/// </summary>
public readonly record struct QueryEnum<T>(T Value) : IQueryValue where T : struct, Enum
{
    public static bool TryParse(string? text, IFormatProvider? provider, out QueryEnum<T> result)
    {
        if (text is { Length: > 0 } && text.All(char.IsAsciiLetter) && Enum.TryParse<T>(text, ignoreCase: true, out var value))
        {
            result = new QueryEnum<T>(value);
            return true;
        }
        result = default;
        return false;
    }

    public static string Problem(string text) => $"must be one of: {string.Join(", ", ApiEnums.Names(typeof(T)))}";
}

/// <summary>Enum values as the API writes them (camelCase, like <see cref="ApiJson"/>).</summary>
public static class ApiEnums
{
    public static IReadOnlyList<string> Names(Type enumType) =>
        Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();
}
