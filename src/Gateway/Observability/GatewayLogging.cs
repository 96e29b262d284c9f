using Auction.Silo.Observability;
using Microsoft.AspNetCore.SignalR;

namespace Auction.Gateway.Observability;

/// <summary>
/// SignalR logs every exception a hub method throws as an Error ("Failed to invoke hub method"), including the
/// <see cref="HubException"/>s our hub throws on purpose to refuse a call (a made-up listing id, too many watches).
/// Those are answers, not server faults, and a client could otherwise write an error line per invocation; they are
/// logged at Debug instead. Any other exception keeps its Error.
/// </summary>
public sealed class HubRefusalLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName == DispatcherCategory ? new RefusalsAtDebug(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RefusalsAtDebug(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is HubException && logLevel > LogLevel.Debug) logLevel = LogLevel.Debug;
            if (inner.IsEnabled(logLevel)) inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}

/// <summary>The gateway's logging: the shared quiet defaults and credential scrubbing, plus hub refusals at Debug.</summary>
public static class GatewayLogging
{
    public static WebApplicationBuilder AddGatewayLogging(this WebApplicationBuilder builder)
    {
        builder.AddAuctionLogging();
        builder.Services.DecorateLoggerFactory(inner => new HubRefusalLoggerFactory(inner));
        return builder;
    }
}
