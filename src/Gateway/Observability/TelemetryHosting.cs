using Auction.Silo.Observability;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Auction.Gateway.Observability;

/// <summary>
/// The gateway's OpenTelemetry: the shared "Auction" meter and Orleans sources (<see cref="AuctionTelemetry"/>), plus
/// ASP.NET Core's own meters and traces, Kestrel and SignalR connection counts, and the Prometheus scrape endpoint.
/// </summary>
public static class TelemetryHosting
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddAuctionTelemetry(this WebApplicationBuilder builder)
    {
        var settings = TelemetrySettings.From(builder.Configuration);
        builder.Services.AddSingleton<AuctionMetrics>();
        var otel = builder.AddAuctionOpenTelemetry("auction-gateway");
        otel.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.RateLimiting");
            if (settings.Prometheus) metrics.AddPrometheusExporter();
        });
        if (settings.TracesEnabled) otel.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation());
        return builder;
    }

    /// <summary><c>/metrics</c> for Prometheus (<c>Auction:Telemetry:Prometheus</c>); keep it off the public proxy.</summary>
    public static WebApplication MapAuctionTelemetry(this WebApplication app)
    {
        if (TelemetrySettings.From(app.Configuration).Prometheus) app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
