using System.Diagnostics;
using Auction.Bench.Core;
using Auction.Contracts.Listings;

namespace Auction.Bench.Scenarios;

/// <summary>
/// S1: one listing, one bidder, sequential bids, each awaited until it is acknowledged (accepted and durable).
/// The engine's cost per bid over the raw append (B1, one client).
/// </summary>
public sealed class S1SequentialBids : IBenchmark
{
    public string Id => "S1";
    public string Title => "One listing, one bidder, sequential acknowledged bids";
    public IReadOnlyList<string> Baselines => ["B1"];
    public IReadOnlyList<Goal> Goals => [Goal.AtLeastTimes("bids_per_s", "B1", "appends_per_s_1", 0.5)];

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (listingId, bidders) = await context.OpenListing(1, label: "s1");
        var count = context.Scale(5000, 30);
        var cap = TimeSpan.FromSeconds(context.Scale(20, 3));
        var latencies = new Latencies();
        var receipts = new List<BidReceipt>();
        int rejected = 0, unanswered = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && clock.Elapsed < cap; i++)
        {
            var started = clock.Elapsed;
            var answer = await Bids.UntilDefinitive(context.Grains, listingId, new PlaceBid(bidders[0], 1000m + i, $"s1-{i}"), cancellationToken);
            latencies.Record(clock.Elapsed - started);
            if (answer is null) unanswered++;
            else if (answer.Accepted) receipts.Add(answer.Outcome.Value!);
            else rejected++;
        }
        var elapsed = clock.Elapsed;

        var audit = await Bids.Check(context, new Dictionary<string, IReadOnlyCollection<BidReceipt>> { [listingId] = receipts });
        return Measurement.Of(
                ("bids_per_s", receipts.Count / elapsed.TotalSeconds), ("p50_ms", latencies.Ms(50)), ("p99_ms", latencies.Ms(99)),
                ("rejected", rejected), ("lost", audit.Lost))
            .With([.. audit.Checks, new Check("every bid accepted", rejected == 0 && unanswered == 0, $"{rejected} rejected, {unanswered} unanswered of {latencies.Count}")]);
    }
}
