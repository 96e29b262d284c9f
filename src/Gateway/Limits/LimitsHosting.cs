using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Auction.Gateway.Http;
using Auction.Silo.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace Auction.Gateway.Limits;

/// <summary>
/// What one gateway lets in: connection caps (Kestrel), anonymous requests per client address, bids per bidder
/// (<see cref="BidRateLimiter"/>), and which proxies may name the client address (<c>X-Forwarded-For</c>).
/// </summary>
public static class LimitsHosting
{
    public static WebApplicationBuilder AddAuctionLimits(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var rates = config.GetSection("Auction:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        var connections = config.GetSection("Auction:Limits").Get<ConnectionLimitSettings>() ?? new ConnectionLimitSettings();
        Require(rates.BidsPerSecond > 0 && rates.BidBurst > 0 && rates.AnonymousPerSecond > 0 && rates.AnonymousBurst > 0,
            "Auction:RateLimits: every rate and burst must be at least 1.");
        Require(connections.MaxConnections > 0 && connections.MaxUpgradedConnections > 0,
            "Auction:Limits: MaxConnections and MaxUpgradedConnections must be at least 1.");

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxConcurrentConnections = connections.MaxConnections;
            k.Limits.MaxConcurrentUpgradedConnections = connections.MaxUpgradedConnections;
        });
        builder.Services.AddSingleton(rates);
        builder.Services.AddSingleton<BidRateLimiter>();
        builder.Services.AddSingleton(config.GetSection("Auction:Live").Get<Live.LiveSettings>() ?? new Live.LiveSettings());
        builder.Services.AddAnonymousRateLimit(rates);
        var (proxies, networks) = ParseProxies(KnownProxies(config));
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only the configured proxies: ASP.NET's default trust of loopback is dropped so that the setting says it all.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
            foreach (var network in networks) options.KnownIPNetworks.Add(network);
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it (the rate limiter, logs) sees the client's address.</summary>
    public static WebApplication UseAuctionForwardedHeaders(this WebApplication app)
    {
        if (KnownProxies(app.Configuration).Length > 0) app.UseForwardedHeaders();
        return app;
    }

    /// <summary>
    /// Anonymous requests share a token bucket per client address; a request with a valid bearer token is not
    /// limited by address (bids have their own per-bidder limit). Runs after authentication.
    /// </summary>
    private static void AddAnonymousRateLimit(this IServiceCollection services, RateLimitSettings rates)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetNoLimiter("authenticated")
                    : RateLimitPartition.GetTokenBucketLimiter(ClientAddress.PartitionKey(context.Connection.RemoteIpAddress), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = rates.AnonymousBurst,
                        TokensPerPeriod = rates.AnonymousPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var clock = context.HttpContext.RequestServices.GetRequiredService<AuctionClock>();
                return new ValueTask(Problems.Write(context.HttpContext, GatewayCodes.RateLimited,
                    $"Anonymous requests are limited to {rates.AnonymousPerSecond} per second per client address (bursts of {rates.AnonymousBurst}); retry in {seconds} s, or sign in.",
                    extensions: new Dictionary<string, object?> { ["serverTime"] = clock.Now }));
            };
        });
    }

    private static string[] KnownProxies(IConfiguration config)
    {
        var section = config.GetSection("Auction:ForwardedHeaders:KnownProxies");
        var entries = section.Value is { Length: > 0 } list ? list.Split(',') : section.Get<string[]>() ?? [];
        return entries.Select(e => e.Trim()).Where(e => e.Length > 0).ToArray();
    }

    /// <summary>Parsed at start, so a typo stops the gateway instead of silently trusting nobody (or everybody).</summary>
    private static (IPAddress[] Proxies, System.Net.IPNetwork[] Networks) ParseProxies(string[] entries)
    {
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (!entry.Contains('/') && IPAddress.TryParse(entry, out var address)) proxies.Add(address);
            else throw new InvalidOperationException($"Auction:ForwardedHeaders:KnownProxies: '{entry}' is not an IP address or a CIDR network (e.g. 10.0.0.2 or 172.18.0.0/16).");
        }
        return (proxies.ToArray(), networks.ToArray());
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException(message);
    }
}
