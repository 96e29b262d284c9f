using System.Diagnostics;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Gateway.Http;
using Auction.Gateway.Limits;
using Auction.Gateway.Observability;

namespace Auction.Gateway.Endpoints;

/// <summary>Where a bid came in: the tag of the bid metrics.</summary>
public enum BidTransport { Rest, Hub }

/// <summary>
/// Places a bid for REST and the hub alike: same rules, same idempotency, same codes, and one per-bidder rate limit
/// for both channels together.
/// </summary>
public sealed class BidService(IGrainFactory grains, ClusterCalls calls, BidRateLimiter limiter, AuctionMetrics metrics, DepositShortfall deposits)
{
    public async Task<Outcome<BidReceipt>> Place(string listingId, string bidderId, decimal amount, string requestId, BidTransport channel)
    {
        var refusal = limiter.Refuse(bidderId)
            ?? (ListingIds.IsWellFormed(listingId) ? null : ListingIds.NotFound())
            ?? IdempotentRequests.CheckRequestId(requestId);
        if (refusal is not null)
        {
            metrics.BidRefused(refusal.Code, channel);
            return refusal;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await Decide(listingId, bidderId, amount, requestId);
            metrics.BidDecided(outcome, channel, Stopwatch.GetElapsedTime(started));
            return outcome;
        }
        catch (Exception ex)
        {
            metrics.BidFailed(ex, channel, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<Outcome<BidReceipt>> Decide(string listingId, string bidderId, decimal amount, string requestId) =>
        await deposits.Explain(listingId, bidderId,
            await calls.Idempotent(() => grains.GetGrain<IListingGrain>(listingId).PlaceBid(new PlaceBid(bidderId, amount, requestId))));
}
