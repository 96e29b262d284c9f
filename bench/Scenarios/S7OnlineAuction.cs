using System.Collections.Concurrent;
using Auction.Bench.Core;
using Auction.Bench.Live;
using Auction.Contracts.Listings;

namespace Auction.Bench.Scenarios;

/// <summary>
/// S7: an online auction (拍卖) with 200 qualified bidders and a 10 s countdown; bids arrive on a fixed schedule for
/// about two minutes (each one step above the previous planned bid, from bidders in turn, so some arrive too low after
/// a later one: a definitive answer too), then bidding stops and the countdown runs out. Reports the ack latency of
/// every bid (accepted or refused) from its planned send time, and how long after the last deadline the public
/// <c>closed</c> event reached a watcher on the gateway.
/// </summary>
public sealed class S7OnlineAuction : IBenchmark
{
    public string Id => "S7";
    public string Title => "Online auction, 200 bidders, 10 s countdown: bid ack and close accuracy";
    public IReadOnlyList<string> Baselines => [];
    public IReadOnlyList<Goal> Goals => [Goal.AtMost("ack_p99_ms", 50, "ms"), Goal.AtMost("close_after_deadline_ms", 100, "ms")];

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var bidderCount = context.Scale(200, 10);
        const int countdown = 10; // also in smoke runs: the shortest countdown an auction may publish
        var bidding = TimeSpan.FromSeconds(context.Scale(120, 2));
        var rate = context.Scale(10, 10);
        // The auction starts once every bidder is qualified (applications close just before the start).
        var lead = TimeSpan.FromSeconds(context.Scale(30, 4));
        var (listingId, bidders) = await context.Publish(bidderCount, "s7", (id, now) => new PublishListing($"bench-s7-{id}", "bench-centre", "bench",
            BenchContext.Parcel, GrantMethod.Auction, now, now + lead, null, now + lead - TimeSpan.FromSeconds(0.5), now + lead - TimeSpan.FromSeconds(0.5),
            1000m, 1m, IncrementRule.AtLeastOneStep, 100m, null, TimedBiddingTerms.None, new AuctionTerms(AuctionMode.Online, countdown, 1)), waitUntilOpen: true);
        var listing = context.Grains.GetGrain<IListingGrain>(listingId);
        await using var watcher = await SaleWatcher.Start(context.System.GatewayUrl, listingId, cancellationToken);

        var receipts = new ConcurrentBag<BidReceipt>();
        var refusals = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var count = (int)(bidding.TotalSeconds * rate);
        var run = await OpenLoop.Run(rate, count, async i =>
        {
            var answer = await Bids.UntilDefinitive(context.Grains, listingId, new PlaceBid(bidders[i % bidders.Length], 1001m + i, $"s7-{i}"), cancellationToken);
            if (answer is null) return false;
            if (answer.Accepted) receipts.Add(answer.Outcome.Value!);
            else refusals.AddOrUpdate(answer.Outcome.Rejection!.Code, 1, (_, n) => n + 1);
            return true;
        }, cancellationToken);

        var deadline = receipts.Max(r => r.Deadline) ?? throw new InvalidOperationException("an online auction bid carries its deadline");
        var closed = await watcher.First("closed", TimeSpan.FromSeconds(countdown + 30));
        var result = (await listing.GetResult()).Expect();
        var highest = receipts.MaxBy(r => r.Amount)!;
        var audit = await Bids.Check(context, new Dictionary<string, IReadOnlyCollection<BidReceipt>> { [listingId] = receipts.ToArray() });
        return Measurement.Of(
                ("ack_p50_ms", run.Latencies.Ms(50)), ("ack_p99_ms", run.Latencies.Ms(99)), ("ack_max_ms", run.Latencies.MaxMs),
                ("bids", count), ("accepted", receipts.Count), ("refused", refusals.Values.Sum()), ("unanswered", run.Failed),
                ("close_after_deadline_ms", (closed.ReceivedAt - deadline).TotalMilliseconds), ("lost", audit.Lost))
            .With([.. audit.Checks,
                new Check("S7: every bid answered, refusals only BID_TOO_LOW", run.Failed == 0 && refusals.Keys.All(k => k == "BID_TOO_LOW"),
                    $"{receipts.Count} accepted, {run.Failed} unanswered, refused: {string.Join(", ", refusals.Select(r => $"{r.Value}× {r.Key}"))}"),
                new Check("S7: sold to the highest bid at its amount, closed after the deadline", result.Outcome == CloseOutcome.Sold
                        && result.WinnerBidderNo == highest.BidderNo && result.Price == highest.Amount && closed.ReceivedAt >= deadline,
                    $"{result.Outcome} to {result.WinnerBidderNo} at {result.Price}; highest {highest.BidderNo} at {highest.Amount}; closed event {(closed.ReceivedAt - deadline).TotalMilliseconds:0} ms after {deadline:O}")]);
    }
}
