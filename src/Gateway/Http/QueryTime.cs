namespace Auction.Gateway.Http;

/// <summary>
/// A time in a query string (<c>?from=2026-12-01T00:00:00Z</c>), read like a time in a body: ISO 8601 with an
/// offset, never a bare local time. Minimal APIs would bind a plain <c>DateTimeOffset</c> from
/// <c>?from=2026-12-01T00:00:00</c> silently as the server's zone; this binder refuses it (400 MALFORMED_REQUEST,
/// the message says the offset is missing). An unescaped <c>+08:00</c> arrives as <c>" 08:00"</c> (the query
/// string's '+' is a space), so a space before the offset is read as '+'.
/// </summary>
public readonly record struct QueryTime(DateTimeOffset Value) : IQueryValue
{
    public static string Problem(string text) =>
        ApiTime.TryParse(Unescape(text), out _, out var problem) ? ApiTime.Expected : problem!;

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryTime result)
    {
        result = default;
        if (!ApiTime.TryParse(Unescape(text), out var value, out _)) return false;
        result = new QueryTime(value);
        return true;
    }

    public static implicit operator DateTimeOffset(QueryTime time) => time.Value;

    private static string? Unescape(string? text) =>
        text is { Length: > 6 } && text[^6] == ' ' && text[^3] == ':' ? text[..^6] + "+" + text[^5..] : text;
}

/// <summary>A query-string value type that tells a client why its text was refused (used by the 400 messages).</summary>
public interface IQueryValue
{
    /// <summary>Why <paramref name="text"/> was refused, to follow the parameter's name: "must be one of: open, sold".</summary>
    static abstract string Problem(string text);
}
