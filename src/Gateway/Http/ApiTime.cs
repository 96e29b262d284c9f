using System.Globalization;
using System.Text.RegularExpressions;

namespace Auction.Gateway.Http;

/// <summary>
/// How the API writes and reads instants (API.md conventions): always written in UTC with <c>Z</c>
/// (<c>2026-12-01T09:30:00Z</c>, fractional seconds only when non-zero); read only with an explicit offset
/// (<c>Z</c> or <c>±hh:mm</c>). A time without one is refused: taking it as UTC is an eight-hour trap for a
/// client in Beijing, taking it as the server's local time is worse.
/// </summary>
public static partial class ApiTime
{
    public const string Example = "2026-12-01T09:30:00Z";

    /// <summary>What a client is told when its time cannot be read (the field name goes in front).</summary>
    public const string Expected = "must be an ISO 8601 time with a UTC offset, e.g. " + Example + " or 2026-12-01T17:30:00+08:00";

    public const string MissingOffset =
        "has no UTC offset: write it in UTC with Z (e.g. " + Example + ") or with its offset (e.g. 2026-12-01T17:30:00+08:00); " +
        "a time without one is ambiguous and is refused";

    /// <summary><c>yyyy-MM-ddTHH:mm:ss[.fffffff]Z</c>: the fraction only when non-zero, trailing zeros trimmed.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an ISO 8601 date and time with an offset (<c>yyyy-MM-ddTHH:mm[:ss[.f…]]</c> then <c>Z</c> or
    /// <c>±hh:mm</c>) as a UTC instant. On failure <paramref name="problem"/> is <see cref="MissingOffset"/> or <see cref="Expected"/>.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value, out string? problem)
    {
        value = default;
        problem = null;
        if (text is { Length: <= 64 } && WithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            value = value.ToUniversalTime(); // the same instant; the engine and its journal keep UTC only
            return true;
        }
        problem = text is { Length: <= 64 } && WithoutOffset().IsMatch(text) ? MissingOffset : Expected;
        return false;
    }

    private const string DateAndClock = @"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?";

    [GeneratedRegex(DateAndClock + @"([Zz]|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex WithOffset();

    [GeneratedRegex(DateAndClock + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex WithoutOffset();
}
