using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Observability;

/// <summary>
/// Finds bearer credentials in text: <c>access_token=…</c> (and <c>id_token</c>, <c>refresh_token</c>) in query strings,
/// <c>Bearer …</c> in headers, and anything JWT-shaped (<c>eyJ…</c>.<c>…</c>.<c>…</c>) wherever it appears.
/// </summary>
public static partial class Secrets
{
    public const string Redacted = "[redacted]";

    /// <summary>A JWT or JWE in compact form: base64url segments separated by dots, the first one a JSON header.</summary>
    public const string JwtPattern = @"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}";

    [GeneratedRegex(@"(?<key>(?:access|id|refresh)_token=)[^&\s""'#]+|(?<key>Bearer\s+)[A-Za-z0-9\-._~+/]{20,}=*|" + JwtPattern,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Credential();

    /// <summary>Cheap pre-check so the regex runs only on text that could hold a credential.</summary>
    public static bool MayContain(string? text) =>
        text is { Length: > 0 }
        && (text.Contains("eyJ", StringComparison.Ordinal)
            || text.Contains("token=", StringComparison.OrdinalIgnoreCase)
            || text.Contains("bearer", StringComparison.OrdinalIgnoreCase));

    public static bool Contains(string? text) => MayContain(text) && Credential().IsMatch(text!);

    /// <summary>The text with every credential replaced by <see cref="Redacted"/> (the parameter or scheme name is kept).</summary>
    public static string Scrub(string text) =>
        MayContain(text) ? Credential().Replace(text, m => m.Groups["key"].Success ? m.Groups["key"].Value + Redacted : Redacted) : text;
}

/// <summary>
/// Wraps the host's <see cref="ILoggerFactory"/> so that every logger — ours, ASP.NET Core's, SignalR's, Orleans' —
/// scrubs credentials from the message, the structured state, scopes and exceptions before any provider sees them.
/// Log levels keep tokens out of the default output; this keeps them out when someone turns logging up to Trace.
/// </summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            RedactedState.From(state) is { } redacted ? inner.BeginScope(redacted) : inner.BeginScope(state);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            var safeException = RedactedException.From(exception);
            if (RedactedState.From(state, message) is { } redacted)
                inner.Log(logLevel, eventId, redacted, safeException, static (s, _) => s.Message);
            else
                inner.Log(logLevel, eventId, state, safeException, formatter);
        }
    }
}

/// <summary>A copy of a log state (or scope) whose values and text have been scrubbed.</summary>
public sealed class RedactedState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values;

    private RedactedState(KeyValuePair<string, object?>[] values, string message) => (_values, Message) = (values, message);

    public string Message { get; }

    /// <summary>
    /// Null when nothing in <paramref name="state"/> (or its formatted <paramref name="message"/>) holds a credential.
    /// A scope (no message) that is a list of values is judged by its values, which its text is made of, so the
    /// common per-request scopes are not formatted just to be checked.
    /// </summary>
    public static RedactedState? From<TState>(TState state, string? message = null)
    {
        var values = state as IEnumerable<KeyValuePair<string, object?>>;
        var dirty = values is null
            ? Secrets.Contains(message ??= state?.ToString())
            : Secrets.Contains(message) || values.Any(pair => ValueContains(pair.Value));
        if (!dirty) return null;
        var scrubbed = values?.Select(pair => new KeyValuePair<string, object?>(pair.Key, ScrubValue(pair.Value))).ToArray() ?? [];
        return new RedactedState(scrubbed, Secrets.Scrub(message ?? state?.ToString() ?? ""));
    }

    private static bool ValueContains(object? value) => value switch
    {
        null or bool or int or long or double or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum => false,
        string text => Secrets.Contains(text),
        IEnumerable items => items.Cast<object?>().Any(item => Secrets.Contains(item?.ToString())),
        _ => Secrets.Contains(value.ToString()),
    };

    /// <summary>Strings and anything whose text holds a credential become scrubbed strings; other values keep their type.</summary>
    private static object? ScrubValue(object? value) => value switch
    {
        string text => Secrets.Scrub(text),
        _ when !ValueContains(value) => value,
        IEnumerable items => items.Cast<object?>().Select(item => item is null ? null : Secrets.Scrub(item.ToString() ?? "")).ToArray(),
        _ => Secrets.Scrub(value!.ToString() ?? ""),
    };

    public KeyValuePair<string, object?> this[int index] => _values[index];
    public int Count => _values.Length;
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public override string ToString() => Message;
}

/// <summary>Stands in for an exception whose message or stack text held a credential; prints the scrubbed original.</summary>
public sealed class RedactedException : Exception
{
    private readonly string _text;

    private RedactedException(Exception original)
        : base(Secrets.Scrub($"{original.GetType().FullName}: {original.Message}")) =>
        _text = Secrets.Scrub(original.ToString());

    public static Exception? From(Exception? exception) =>
        exception is null or RedactedException || !Secrets.Contains(exception.ToString()) ? exception : new RedactedException(exception);

    public override string ToString() => _text;
}
