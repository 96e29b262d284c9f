using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Auction.Silo.Observability;

/// <summary>Settings under <c>Auction:Telemetry</c> (docs/observability.md).</summary>
public sealed class TelemetrySettings
{
    /// <summary>Gateway: serve the Prometheus scrape endpoint <c>/metrics</c>.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>Silo host: the port of its own Prometheus <c>/metrics</c> (an HttpListener); unset: none.</summary>
    public int? SiloMetricsPort { get; set; }

    /// <summary>Silo host: the host name that listener binds to; <c>+</c> for every interface (containers).</summary>
    public string SiloMetricsHost { get; set; } = "localhost";

    /// <summary>An OTLP collector (e.g. <c>http://otel-collector:4317</c>) that receives metrics and traces; unset: none.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Record traces (ASP.NET Core, Orleans grain calls). Default: on when an OTLP endpoint is set, since nothing else exports them.</summary>
    public bool? Traces { get; set; }

    public bool TracesEnabled => Traces ?? OtlpEndpoint is { Length: > 0 };

    public static TelemetrySettings From(IConfiguration? configuration) =>
        configuration?.GetSection("Auction:Telemetry").Get<TelemetrySettings>() ?? new TelemetrySettings();
}

/// <summary>
/// OpenTelemetry as every host of ours sets it up: the "Auction" meter (bids, watchers, journal appends), Orleans'
/// activity sources when traces are on, and the OTLP exporter when an endpoint is configured. Each host adds its own
/// instrumentation and scrape endpoint on the returned builder (the gateway: ASP.NET Core and <c>/metrics</c>; a silo:
/// an HttpListener).
/// </summary>
public static class AuctionTelemetry
{
    public const string MeterName = "Auction";

    /// <summary>Seconds, from 0.25 ms to 10 s: bids and appends take milliseconds; a sick store takes seconds.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets =
        [0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static OpenTelemetryBuilder AddAuctionOpenTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var settings = TelemetrySettings.From(builder.Configuration);
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(serviceName));
        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter(MeterName);
            if (settings.OtlpEndpoint is { Length: > 0 } endpoint) metrics.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
        });
        if (settings.TracesEnabled)
            otel.WithTracing(tracing =>
            {
                tracing.AddSource(ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName);
                if (settings.OtlpEndpoint is { Length: > 0 } endpoint) tracing.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            });
        return otel;
    }

    /// <summary>Orleans creates grain-call activities only with its propagation filters; add them only when traces are recorded.</summary>
    public static bool TracesEnabled(IConfiguration? configuration) => TelemetrySettings.From(configuration).TracesEnabled;
}
