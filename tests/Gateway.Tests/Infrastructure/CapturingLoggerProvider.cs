using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Auction.Gateway.Tests.Infrastructure;

/// <summary>Records everything every logger writes: level, category, message, each structured value, scopes, exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}" };
            if (state is IEnumerable<KeyValuePair<string, object?>> values) parts.AddRange(values.Select(v => $"{v.Key}={Text(v.Value)}"));
            provider._scopes.ForEachScope((scope, list) =>
            {
                list.Add($"scope: {scope}");
                if (scope is IEnumerable<KeyValuePair<string, object?>> scoped) list.AddRange(scoped.Select(v => $"{v.Key}={Text(v.Value)}"));
            }, parts);
            if (exception is not null) parts.Add(exception.ToString());
            provider._lines.Enqueue(string.Join(" | ", parts));
        }

        private static string? Text(object? value) =>
            value is System.Collections.IEnumerable items and not string ? string.Join(",", items.Cast<object?>()) : value?.ToString();
    }
}
