using System.Threading.RateLimiting;
using Auction.Gateway.Auth;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Http;
using Auction.Gateway.Live;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Auction.Gateway.Hosting;

/// <summary>Settings under <c>Auction:RateLimits</c>.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Sustained bids per second per bidder; bursts up to <see cref="BidBurst"/>.</summary>
    public int BidsPerSecond { get; set; } = 10;
    public int BidBurst { get; set; } = 20;
}

/// <summary>Composes the gateway: the co-hosted silo (embedded default), auth, the API, the hub.</summary>
public static class GatewayHosting
{
    public static WebApplicationBuilder AddAuctionGateway(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.WebHost.UseUrls(config["Auction:Urls"] ?? "http://127.0.0.1:5080");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = ErrorHandling.MaxBodyBytes);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LiveEvents>();
        services.AddSingleton<IListingEventSink>(sp => sp.GetRequiredService<LiveEvents>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveEvents>());
        services.AddSingleton(config.GetSection("Auction:Bank").Get<BankSettings>() ?? new BankSettings());
        services.AddSingleton(config.GetSection("Auction:Resilience:Calls").Get<CallResilienceSettings>() ?? new CallResilienceSettings());
        services.AddSingleton<ClusterCalls>();
        services.AddSingleton<IdempotentRequests>();
        services.AddSingleton<BidService>();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddSignalR().AddJsonProtocol(o => ApiJson.Configure(o.PayloadSerializerOptions));
        services.AddApiErrorHandling();
        services.AddAuctionAuth(config);
        services.AddOpenApi();
        services.AddBidRateLimit(config.GetSection("Auction:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings());
        services.AddHealthChecks();

        // The embedded default: this process is also the silo (localhost clustering, in-process journal store).
        builder.UseOrleans(silo =>
        {
            var ports = config.GetSection("Auction:Silo");
            silo.UseLocalhostClustering(ports.GetValue("SiloPort", 11111), ports.GetValue("GatewayPort", 30000));
            silo.AddAuctionSilo(config);
        });
        return builder;
    }

    public static WebApplication MapAuctionGateway(this WebApplication app)
    {
        app.UseApiErrorHandling();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        var api = app.MapGroup("/api");
        api.MapCentreEndpoints();
        api.MapBidderEndpoints();
        api.MapBankEndpoints();
        api.MapPublicEndpoints();
        api.MapRegulatorEndpoints();
        if (app.Configuration.GetValue("Auction:DevTokens", true)) api.MapDevEndpoints();

        app.MapHub<ListingsHub>(ListingsHub.Path);
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/health/live", () => Results.Json(new { status = "live" })).AllowAnonymous();
        app.MapGet("/health/ready", Ready).AllowAnonymous();
        return app;
    }

    /// <summary>Ready when the journal store answers and the cluster reaches a listing grain.</summary>
    private static async Task<IResult> Ready(IJournalStore store, IGrainFactory grains, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await store.ReadAsync("health/probe", 0, timeout.Token);
            await grains.GetGrain<Auction.Contracts.Listings.IListingGrain>("health-probe").GetBidderNo("probe").WaitAsync(timeout.Token);
            return Results.Json(new { status = "ready" });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Problems.Result(GatewayCodes.NotReady, $"Not ready: {ex.GetType().Name}.");
        }
    }

    private static void AddBidRateLimit(this IServiceCollection services, RateLimitSettings limits)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(BidderEndpoints.BidRateLimit, context =>
                RateLimitPartition.GetTokenBucketLimiter(context.User.FindFirst("sub")?.Value ?? "anonymous", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.BidBurst,
                    TokensPerPeriod = limits.BidsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var clock = context.HttpContext.RequestServices.GetRequiredService<AuctionClock>();
                return new ValueTask(Problems.Write(context.HttpContext, GatewayCodes.RateLimited,
                    $"At most {limits.BidsPerSecond} bids per second per bidder (bursts of {limits.BidBurst}).",
                    extensions: new Dictionary<string, object?> { ["serverTime"] = clock.Now }));
            };
        });
    }
}
