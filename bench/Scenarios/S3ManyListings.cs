using System.Diagnostics;
using Auction.Bench.Core;
using Auction.Bench.Profiling;

namespace Auction.Bench.Scenarios;

/// <summary>
/// S3: 100 listings open at once, bids spread over them by a Zipf distribution (s = 1.1: the hottest listing gets
/// about a quarter of the bids). Two phases on the same listings:
/// <list type="number">
/// <item>open loop at a fixed rate the system sustains (latency from the planned send time, overall and per listing);</item>
/// <item>capacity: 50 concurrent bidders in a closed loop, like B1's 50 clients — aggregate accepted bids/s
/// (<c>bids_per_s</c>, the figure the goals compare with B1 and S1). Each bids the listing's current price, one
/// bid in flight per listing (bidders who race on one listing mostly get BID_TOO_LOW, which is no store work).
/// The server processes' CPU time in this phase over its accepted bids is <c>server_cpu_ms_per_bid</c> (issue 14
/// item 1); bench/profile-s3.sh also traces the phase and breaks that time down.</item>
/// </list>
/// S3's bids go through the Orleans client straight to the listing grains (the engine's cost). <c>S3R</c> is the same
/// run with every bid posted to the gateway's REST API under the bidder's own JWT (<see cref="RestBidRoute"/>), so its
/// figures and profile include HTTP and token validation (issue 14 item 1); it reports beside S3 and has no goal of its own.
/// </summary>
public sealed class S3ManyListings(bool overRest = false) : IBenchmark
{
    public const int Workers = 50;

    /// <summary>The capacity phase's length in seconds (full size, smoke); cpu-report reads traces of that phase.</summary>
    public const int CapacitySecondsFull = 15, CapacitySecondsSmoke = 2;

    public string Id => overRest ? "S3R" : "S3";
    public string Title => overRest ? "S3 with every bid over REST (HTTP + JWT)" : "100 listings at once, Zipf-skewed bidders";
    public IReadOnlyList<string> Baselines => overRest ? ["S3"] : ["B1", "S1"];
    public IReadOnlyList<string> Reported => overRest ? ["bids_per_s", "server_cpu_ms_per_bid"] : ["server_cpu_ms_per_bid"];
    public IReadOnlyList<Goal> Goals => overRest ? [] :
    [
        Goal.AtLeastTimes("bids_per_s", "B1", "appends_per_s_50", 0.5),
        Goal.AtLeastTimes("bids_per_s", "S1", "bids_per_s", 5),
    ];

    /// <summary>The open-loop rate: what the full-size system sustains on this 2-core machine with headroom.</summary>
    public static double Rate(BenchContext context) => context.Scale(500, 50);

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        using var rest = overRest ? new RestBidRoute(context.System.GatewayUrl) : null;
        var market = await Market.Open(context, context.Scale(100, 10), context.Scale(5, 3), Id.ToLowerInvariant(), rest);

        // Phase 1: open loop at a fixed rate.
        var rate = Rate(context);
        var count = (int)(rate * context.Scale(20, 2));
        var random = new Random(3);
        var plan = Enumerable.Range(0, count).Select(_ => (Listing: market.PickListing(random), Bidder: random.Next())).ToArray();
        var perListing = Enumerable.Range(0, market.Count).Select(_ => new Latencies()).ToArray();
        var openLoop = await OpenLoop.Run(rate, count, i => market.Bid(plan[i].Listing, plan[i].Bidder, cancellationToken), cancellationToken,
            (i, latency) => perListing[plan[i].Listing].Record(latency));
        var acceptedAtRate = market.Accepted;
        var listingP99 = perListing.Where(l => l.Count >= 20).Select(l => l.Ms(99)).ToArray();

        // Phase 2: capacity with 50 concurrent bidders.
        var cap = TimeSpan.FromSeconds(context.Scale(CapacitySecondsFull, CapacitySecondsSmoke));
        var profile = ServerProfile.Start(context, Id, cap);
        var workerRandom = Enumerable.Range(0, Workers).Select(w => new Random(300 + w)).ToArray();
        var clock = Stopwatch.StartNew();
        var closed = new Latencies();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var mine = workerRandom[w];
            while (clock.Elapsed < cap)
            {
                var started = clock.Elapsed;
                await market.BidInTurn(market.PickListing(mine), mine.Next(), cancellationToken);
                closed.Record(clock.Elapsed - started);
            }
        }, cancellationToken)));
        var capacityElapsed = clock.Elapsed;
        var acceptedClosed = market.Accepted - acceptedAtRate;
        var (serverCpu, _) = await profile.Stop();

        var audit = await market.Audit();
        return Measurement.Of(
                ("bids_per_s", acceptedClosed / capacityElapsed.TotalSeconds), ("answers_per_s", closed.Count / capacityElapsed.TotalSeconds),
                ("capacity_p99_ms", closed.Ms(99)),
                ("server_cpu_ms_per_bid", serverCpu.TotalMilliseconds / Math.Max(1, acceptedClosed)),
                ("server_cpu_ms_per_answer", serverCpu.TotalMilliseconds / Math.Max(1, closed.Count)),
                ("rate_per_s", rate), ("accepted_at_rate_per_s", acceptedAtRate / openLoop.Elapsed.TotalSeconds),
                ("p50_ms", openLoop.Latencies.Ms(50)), ("p99_ms", openLoop.Latencies.Ms(99)),
                ("max_listing_p99_ms", listingP99.DefaultIfEmpty(double.NaN).Max()), ("median_listing_p99_ms", Report.Median(listingP99)),
                ("rejected", market.Rejected), ("unanswered", market.Unanswered), ("lost", audit.Lost))
            .With([.. audit.Checks,
                new Check("every bid got a definitive answer", market.Unanswered == 0, $"{market.Accepted} accepted, {market.Rejected} rejected ({market.RejectionSummary}), {market.Unanswered} unanswered")]);
    }
}
