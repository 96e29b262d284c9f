using Auction.Silo.Observability;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace Auction.SiloHost;

/// <summary>
/// A silo records the journal metrics (appends happen where the grains live), so it serves its own Prometheus
/// endpoint: an HttpListener on <c>Auction:Telemetry:SiloMetricsPort</c> (bound to <c>:SiloMetricsHost</c>, default
/// <c>localhost</c>; <c>+</c> for every interface), off when unset. OTLP, when configured, gets its metrics and traces too.
/// </summary>
public static class SiloTelemetry
{
    public static IHostApplicationBuilder AddSiloTelemetry(this IHostApplicationBuilder builder)
    {
        var settings = TelemetrySettings.From(builder.Configuration);
        var otel = builder.AddAuctionOpenTelemetry("auction-silo");
        if (settings.SiloMetricsPort is { } port)
            otel.WithMetrics(metrics => metrics.AddPrometheusHttpListener(o => (o.Host, o.Port) = (settings.SiloMetricsHost, port)));
        return builder;
    }
}
