using System.Threading.RateLimiting;
using Auction.Contracts.Common;
using Auction.Gateway.Http;
using Auction.Silo.Hosting;

namespace Auction.Gateway.Limits;

/// <summary>
/// The per-bidder bid limit: one token bucket per bidder subject, shared by REST and the hub, so a bidder cannot
/// double the rate by using both. Idle buckets are dropped by the partitioned limiter, so it does not grow with the
/// number of bidders ever seen.
/// </summary>
public sealed class BidRateLimiter(RateLimitSettings settings, AuctionClock clock) : IDisposable
{
    /// <summary>Buckets refill every second, so a refused bidder may try again within one (<c>Retry-After</c>).</summary>
    public const int RetryAfterSeconds = 1;

    private readonly PartitionedRateLimiter<string> _buckets = PartitionedRateLimiter.Create<string, string>(bidder =>
        RateLimitPartition.GetTokenBucketLimiter(bidder, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.BidBurst,
            TokensPerPeriod = settings.BidsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one token for <paramref name="bidderId"/>; the refusal when the bucket is empty.</summary>
    public Rejection? Refuse(string bidderId)
    {
        using var lease = _buckets.AttemptAcquire(bidderId);
        return lease.IsAcquired
            ? null
            : new Rejection(GatewayCodes.RateLimited,
                $"At most {settings.BidsPerSecond} bids per second per bidder (bursts of {settings.BidBurst}); retry in {RetryAfterSeconds} s.",
                ServerTime: clock.Now);
    }

    public void Dispose() => _buckets.Dispose();
}

/// <summary>Endpoint metadata: the endpoint spends the caller's bid budget (<see cref="BidRateLimiter"/>), so it may answer 429.</summary>
public sealed class BidRateLimited
{
    public static readonly BidRateLimited Instance = new();

    private BidRateLimited()
    {
    }
}
