using System.Diagnostics;
using Auction.Bench.Core;

namespace Auction.Bench.Scenarios;

/// <summary>
/// S6 (cluster only): S3's open-loop load on 100 listings, and <c>kill -9</c> of one of the two silos a third of the
/// way in. Every bid whose outcome is unknown (exception, timeout, store unavailable) is retried with the same
/// request id until it is definitive, so the audit can claim what it claims: acknowledged bids lost, duplicates.
/// <c>recovery_s</c> is the longest any bid waited because of the kill: for bids answered after the kill, the
/// time from the later of (planned send, kill) to the definitive answer. The killed silo is restarted after the
/// run (and the cluster waited for) so every run starts from two silos.
/// </summary>
public sealed class S6SiloKill : IBenchmark
{
    public string Id => "S6";
    public string Title => "kill -9 of one of two silos during S3";
    public IReadOnlyList<string> Baselines => [];
    public IReadOnlyList<Goal> Goals =>
    [
        Goal.AtMost("recovery_s", 10, "s"),
        Goal.AtMost("lost", 0, "bids"),
        Goal.AtMost("duplicates", 0, "bids"),
    ];

    public bool Supports(BenchMode mode) => mode == BenchMode.Cluster;

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var market = await Market.Open(context, context.Scale(100, 10), context.Scale(5, 3), "s6");
        var rate = S3ManyListings.Rate(context);
        var duration = TimeSpan.FromSeconds(context.Scale(30, 9));
        var count = (int)(rate * duration.TotalSeconds);
        var killAt = duration / 3;
        var random = new Random(6);
        var plan = Enumerable.Range(0, count).Select(_ => (Listing: market.PickListing(random), Bidder: random.Next())).ToArray();

        var clock = Stopwatch.StartNew();
        var killedTicks = long.MaxValue;
        var victim = context.System.Silos[0];
        var kill = Task.Run(async () =>
        {
            await Task.Delay(killAt, cancellationToken);
            Volatile.Write(ref killedTicks, clock.Elapsed.Ticks);
            victim.Kill();
        }, cancellationToken);
        var worst = TimeSpan.Zero;
        var gate = new object();
        var load = OpenLoop.Run(rate, count, i => market.Bid(plan[i].Listing, plan[i].Bidder, cancellationToken), cancellationToken, (i, latency) =>
        {
            var planned = TimeSpan.FromSeconds(i / rate); // on the schedule's clock, shared with the kill
            var answeredAt = planned + latency;
            var killedAt = TimeSpan.FromTicks(Volatile.Read(ref killedTicks));
            if (answeredAt <= killedAt) return;
            var since = answeredAt - (planned > killedAt ? planned : killedAt);
            lock (gate) if (since > worst) worst = since;
        }, clock);
        var result = await load;
        await kill;

        var audit = await market.Audit();
        try
        {
            await context.System.RestartSilo(0, TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            context.Log.WriteLine($"S6: the killed silo did not come back: {ex.Message}");
        }
        return Measurement.Of(
                ("recovery_s", worst.TotalSeconds), ("lost", audit.Lost), ("duplicates", audit.Duplicates),
                ("unanswered", market.Unanswered), ("retries", market.Retries),
                ("rate_per_s", rate), ("accepted_per_s", market.Accepted / result.Elapsed.TotalSeconds),
                ("p50_ms", result.Latencies.Ms(50)), ("p99_ms", result.Latencies.Ms(99)), ("max_ms", result.Latencies.MaxMs))
            .With([.. audit.Checks,
                new Check("every bid got a definitive answer", market.Unanswered == 0, $"{market.Accepted} accepted, {market.Rejected} rejected, {market.Unanswered} unanswered, {market.Retries} retries"),
                new Check("every acknowledged bid survived the kill", audit.Lost == 0 && audit.Unacknowledged == 0,
                    $"{audit.Lost} acknowledged bids lost, {audit.Unacknowledged} stored bids never acknowledged")]) with
            {
                Note = market.Retries == 0
                    ? "a run where no bid needed a retry: the killed silo hosted none of the busy listings, so that run did not exercise failover"
                    : null,
            };
    }
}
