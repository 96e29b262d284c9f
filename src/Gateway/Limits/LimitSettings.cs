namespace Auction.Gateway.Limits;

/// <summary>Settings under <c>Auction:RateLimits</c>: token buckets refilled every second.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Sustained bids per second per bidder (REST and hub together); bursts up to <see cref="BidBurst"/>.</summary>
    public int BidsPerSecond { get; set; } = 10;
    public int BidBurst { get; set; } = 20;

    /// <summary>Sustained anonymous requests per second per client address; bursts up to <see cref="AnonymousBurst"/>.</summary>
    public int AnonymousPerSecond { get; set; } = 100;
    public int AnonymousBurst { get; set; } = 200;
}

/// <summary>Settings under <c>Auction:Limits</c>: what one gateway process holds open at once (Kestrel).</summary>
public sealed class ConnectionLimitSettings
{
    /// <summary>HTTP connections (keep-alive included); WebSockets move to <see cref="MaxUpgradedConnections"/> once upgraded.</summary>
    public long MaxConnections { get; set; } = 10_000;
    public long MaxUpgradedConnections { get; set; } = 20_000;
}

/// <summary>Settings under <c>Auction:ForwardedHeaders</c>.</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>
    /// Proxies whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are believed: IP addresses or CIDR networks (a
    /// list, or one comma-separated value). Empty: the client address is the connection's peer, whatever headers say.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}
