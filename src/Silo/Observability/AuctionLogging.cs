using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Observability;

/// <summary>
/// Logging as every host of ours sets it up: quiet defaults and the credential scrubber (<see cref="RedactingLoggerFactory"/>).
/// </summary>
public static class AuctionLogging
{
    /// <summary>
    /// Categories that are chatty at Information: per-request lines of ASP.NET Core (which print the query string, hub
    /// tokens included), Orleans' dump of every option at start, and one line per placement call from Orleans' Polly
    /// pipelines. Warnings still show.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> QuietDefaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:Orleans.Runtime.SiloOptionsLogger"] = "Warning",
        ["Logging:LogLevel:Orleans.ClientOptionsLogger"] = "Warning",
    };

    public static IHostApplicationBuilder AddAuctionLogging(this IHostApplicationBuilder builder)
    {
        // The lowest-precedence source: appsettings, environment variables and the command line still override each level.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietDefaults });
        builder.Services.AddLogRedaction();
        return builder;
    }

    /// <summary>Replaces the registered <see cref="ILoggerFactory"/> with one that scrubs credentials from every log line.</summary>
    public static IServiceCollection AddLogRedaction(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(Redacting))) return services;
        services.AddSingleton<Redacting>();
        return services.DecorateLoggerFactory(inner => new RedactingLoggerFactory(inner));
    }

    /// <summary>Wraps the registered <see cref="ILoggerFactory"/> (every <c>ILogger&lt;T&gt;</c> comes from it).</summary>
    public static IServiceCollection DecorateLoggerFactory(this IServiceCollection services, Func<ILoggerFactory, ILoggerFactory> decorate)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory))
            ?? throw new InvalidOperationException("Logging must be added before its factory is decorated.");
        services.Remove(registered);
        services.AddSingleton(sp => decorate(Create(sp, registered)));
        return services;
    }

    /// <summary>Marks a service collection whose logger factory already scrubs credentials.</summary>
    private sealed class Redacting;

    private static ILoggerFactory Create(IServiceProvider services, ServiceDescriptor registered) =>
        (ILoggerFactory)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));
}
