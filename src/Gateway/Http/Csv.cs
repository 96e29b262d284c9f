using System.Globalization;
using System.Text;

namespace Auction.Gateway.Http;

/// <summary>
/// The one CSV writer of the API (RFC 4180): UTF-8 with a byte-order mark (spreadsheets in Chinese locales need it to
/// read UTF-8), CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes doubled. Text cells that a
/// spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) get a leading apostrophe; numbers and times are
/// written invariantly and left as they are.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        AppendRow(text, header.Select(Text).ToArray());
        foreach (var row in rows) AppendRow(text, row);
        return [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(text.ToString())];
    }

    /// <summary>A download named <paramref name="fileName"/>.</summary>
    public static IResult File(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        Results.File(Write(header, rows), ContentType, fileDownloadName: fileName);

    /// <summary>A text cell, defused against formula injection.</summary>
    public static string Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value ?? "";

    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Time(DateTimeOffset? value) => value is { } time ? ApiTime.Format(time) : "";

    /// <summary>An enum value as the API spells it (camelCase).</summary>
    public static string Name<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Name<T>(T? value) where T : struct, Enum => value is { } v ? Name(v) : "";

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) text.Append(',');
            var cell = cells[i];
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0) text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else text.Append(cell);
        }
        text.Append("\r\n");
    }
}
