using System.Diagnostics.Metrics;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Http;
using Auction.Gateway.Live;
using Auction.Silo.Journal;
using Auction.Silo.Observability;

namespace Auction.Gateway.Observability;

/// <summary>
/// The gateway's share of the "Auction" meter (docs/observability.md): bids accepted and rejected (by code), bid
/// latency, and the live watchers. Tags are small fixed sets — never a listing id or a bidder.
/// </summary>
public sealed class AuctionMetrics
{
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _duration;

    public AuctionMetrics(IMeterFactory meters, LiveEvents live)
    {
        var meter = meters.Create(AuctionTelemetry.MeterName);
        _accepted = meter.CreateCounter<long>("auction.bids.accepted", "{bid}", "Bids recorded (a replayed requestId is not counted again).");
        _rejected = meter.CreateCounter<long>("auction.bids.rejected", "{bid}", "Bids refused, by problem code (rate limits and malformed requests included).");
        _duration = meter.CreateHistogram("auction.bid.duration", "s", "Time from the gateway asking the listing to its answer, for bids that reached it.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AuctionTelemetry.LatencyBuckets });
        meter.CreateObservableGauge("auction.live.watchers", () => live.Watches, "{watch}", "Watches this gateway holds: one per hub connection and listing.");
    }

    /// <summary>Refused by the gateway itself before reaching a listing (rate limit, malformed id or requestId).</summary>
    public void BidRefused(string code, BidTransport channel) => _rejected.Add(1, Code(code), Channel(channel));

    public void BidDecided(Outcome<BidReceipt> outcome, BidTransport channel, TimeSpan elapsed)
    {
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome.IsSuccess ? "accepted" : "rejected"), Channel(channel));
        if (!outcome.IsSuccess) _rejected.Add(1, Code(outcome.Rejection!.Code), Channel(channel));
        else if (!outcome.Value!.Replayed) _accepted.Add(1, Channel(channel));
    }

    /// <summary>The listing did not answer (store or cluster unavailable, outcome unknown) or the gateway failed.</summary>
    public void BidFailed(Exception exception, BidTransport channel, TimeSpan elapsed)
    {
        var code = exception is StoreUnavailableException or TimeoutException or OrleansException ? RejectionCodes.StoreUnavailable : GatewayCodes.InternalError;
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", "failed"), Channel(channel));
        _rejected.Add(1, Code(code), Channel(channel));
    }

    private static KeyValuePair<string, object?> Code(string code) => new("code", code);

    private static KeyValuePair<string, object?> Channel(BidTransport channel) => new("channel", channel == BidTransport.Hub ? "hub" : "rest");
}
