using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Auction.Contracts.Common;
using Microsoft.AspNetCore.Mvc;

namespace Auction.Gateway.Http;

/// <summary>
/// Says what is wrong with a request in the API's own words: the field by its JSON path (<c>parcel.use</c>) or the
/// query parameter by its name, and what it must be (enums list their camelCase values). The texts of
/// System.Text.Json and of minimal APIs name .NET types and C# parameters (<c>Auction.Gateway.Endpoints.ParcelRequest</c>,
/// <c>QueryEnum&lt;ListingStatus&gt;? status</c>); they are rewritten here and never reach a client.
/// </summary>
public static partial class RequestErrors
{
    /// <summary>A body that System.Text.Json refused: 400 MALFORMED_REQUEST, or 422 VALIDATION_FAILED for an inexact number.</summary>
    public static ProblemDetails FromJson(JsonException json)
    {
        var field = Field(json.Path);
        if (json is InexactNumberException inexact)
            return Problems.From(new Rejection(RejectionCodes.ValidationFailed, $"{field ?? "The body"} {inexact.Message}.",
                Errors: new Dictionary<string, string[]> { [field ?? "body"] = [inexact.Message] }));
        var (where, problem) = Describe(json, field);
        var result = Problems.Create(GatewayCodes.MalformedRequest, where is null ? problem : $"{string.Join(", ", where)} {problem}.");
        if (where is not null)
            result.Extensions["errors"] = where.ToDictionary(f => f, _ => new[] { problem == "are required" ? "is required" : problem });
        return result;
    }

    /// <summary>What minimal APIs refused before the endpoint ran: a query value that did not bind, a missing body.</summary>
    public static string Describe(BadHttpRequestException bad, Endpoint? endpoint)
    {
        if (BindFailure().Match(bad.Message) is { Success: true } failed)
        {
            var name = failed.Groups["name"].Value;
            var type = ParameterType(endpoint, name);
            return $"Query parameter '{name}' {QueryProblem(type, failed.Groups["value"].Value)}.";
        }
        if (Missing().Match(bad.Message) is { Success: true } missing)
            return missing.Groups["source"].Value == "body" ? NeedsBody : $"Query parameter '{missing.Groups["name"].Value}' is required.";
        if (bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)) return NeedsBody;
        return Leaks(bad.Message) ? "The request could not be read." : bad.Message;
    }

    public const string NeedsBody = "This request needs a JSON object as its body.";

    /// <summary>The 415 text: which content type the endpoint takes and what came instead.</summary>
    public static string UnsupportedMediaType(HttpRequest request) =>
        "This endpoint takes a JSON body: send it with the header Content-Type: application/json " +
        (string.IsNullOrEmpty(request.ContentType) ? "(the request had no Content-Type)." : $"(the request had Content-Type: {Truncate(request.ContentType)}).");

    /// <summary><c>$.parcel.use</c> → <c>parcel.use</c>; <c>$['a b']</c> → <c>a b</c>; the body itself → null.</summary>
    public static string? Field(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var field = BracketName().Replace(path.TrimStart('$'), ".$1").TrimStart('.');
        return field.Length == 0 ? null : field;
    }

    /// <summary>What a value of <paramref name="type"/> must be, in the API's words.</summary>
    public static string Expectation(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "has the wrong type",
            { IsEnum: true } => $"must be one of: {string.Join(", ", ApiEnums.Names(type))}",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "must be a number",
            _ when type == typeof(int) => $"must be a whole number (at most {int.MaxValue})",
            _ when type == typeof(long) => "must be a whole number",
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(string) => "must be a string",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => ApiTime.Expected,
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "must be an array",
            _ => "must be a JSON object",
        };
    }

    private static (string[]? Where, string Problem) Describe(JsonException json, string? field)
    {
        var (where, problem) = DescribeOne(json, field);
        return (where?.Split('\n'), problem);
    }

    private static (string? Where, string Problem) DescribeOne(JsonException json, string? field)
    {
        var message = json.Message;
        if (json is ApiJsonValueException) return (field ?? "The body", message);
        if (Unmapped().IsMatch(message)) return (field, "is not a field of this request (check its spelling and case)");
        if (Duplicate().IsMatch(message)) return (field, "appears more than once");
        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = QuotedNames().Matches(missing.Groups["names"].Value).Select(m => field is null ? m.Groups[1].Value : $"{field}.{m.Groups[1].Value}").ToArray();
            return names.Length == 1 ? (names[0], "is required") : (string.Join("\n", names), "are required");
        }
        if (NullNotAllowed().IsMatch(message)) return (field, "must not be null");
        if (json.InnerException is InvalidOperationException or System.Text.DecoderFallbackException or ArgumentException)
            return (field ?? "The body", "is not valid UTF-8 text");
        if (CouldNotConvert().Match(message) is { Success: true } convert)
            return field is null ? (null, NeedsBody) : (field, Expectation(ValueType(convert.Groups["type"].Value, field)));
        if (message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal)) return (null, NeedsBody);
        // The reader's own syntax errors ("'x' is an invalid start of a value. Path: $ | LineNumber: 0 | …") name no
        // types; say where, in the terms of a text editor.
        var syntax = ReaderPosition().Replace(message, "").Replace(" Change the reader options.", "", StringComparison.Ordinal);
        var at = json.LineNumber is { } line && json.BytePositionInLine is { } column ? $" (line {line + 1}, byte {column + 1})" : "";
        return (null, Leaks(syntax) ? "The body is not valid JSON." : $"The body is not valid JSON{at}: {syntax}");
    }

    /// <summary>
    /// The type the value at <paramref name="field"/> should have had. System.Text.Json names the object it was reading
    /// (<c>ParcelRequest</c> for <c>$.parcel.use</c>), or the value's own type when the whole value was wrong
    /// (<c>ParcelRequest</c> for <c>"parcel": [1]</c>); the API's JSON contract tells which.
    /// </summary>
    private static Type? ValueType(string typeName, string field)
    {
        var named = FindType(typeName);
        var name = field[(field.LastIndexOf('.') + 1)..];
        if (named is null || name.Contains('[', StringComparison.Ordinal)) return null;
        var info = ApiJson.Options.GetTypeInfo(named);
        return info.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object && info.Properties.FirstOrDefault(p => p.Name == name) is { } property
            ? property.PropertyType
            : named;
    }

    private static Type? FindType(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Auction.", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(fullName, throwOnError: false))
            .FirstOrDefault(t => t is not null);

    private static Type? ParameterType(Endpoint? endpoint, string name) =>
        endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;

    private static string QueryProblem(Type? type, string value)
    {
        var plain = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (plain is not null && typeof(IQueryValue).IsAssignableFrom(plain)
            && plain.GetMethod(nameof(IQueryValue.Problem), BindingFlags.Public | BindingFlags.Static, [typeof(string)]) is { } problem)
            return (string)problem.Invoke(null, [value])!;
        return Expectation(plain);
    }

    /// <summary>Text that would show a client .NET internals.</summary>
    public static bool Leaks(string text) =>
        text.Contains("System.", StringComparison.Ordinal) || text.Contains("Auction.", StringComparison.Ordinal) || text.Contains('`')
        || text.Contains("parameter \"", StringComparison.Ordinal);

    private static string Truncate(string text) => text.Length <= 100 ? text : text[..100] + "…";

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided from (?<source>[a-z ]+)\.$""")]
    private static partial Regex Missing();

    [GeneratedRegex(@"could not be mapped to any \.NET member")]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"^Duplicate property")]
    private static partial Regex Duplicate();

    [GeneratedRegex(@"was missing required properties including: (?<names>.+)\.")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedNames();

    [GeneratedRegex(@"doesn't allow (setting )?null values")]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>\S+?)\. Path:")]
    private static partial Regex CouldNotConvert();

    [GeneratedRegex(@" ?Path: .*$|\s*LineNumber: .*$", RegexOptions.Singleline)]
    private static partial Regex ReaderPosition();

    [GeneratedRegex(@"\['([^']*)'\]")]
    private static partial Regex BracketName();
}
