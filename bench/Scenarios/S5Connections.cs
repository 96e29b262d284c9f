using System.Diagnostics;
using Auction.Bench.Core;
using Auction.Bench.Live;
using Auction.Contracts.Listings;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Bench.Scenarios;

/// <summary>
/// S5: how many connections one gateway process holds. Opens watchers (each one watching a listing, as a public
/// viewer does) until failure or the cap, whichever binds first: the configured cap, the gateway's open-file limit
/// (<c>/proc/&lt;pid&gt;/limits</c>, less a reserve for its own files: running it out of descriptors would break its
/// journal, too) or the generator's own. Then checks every held connection is alive (one bid reaches all of them)
/// and reports KB per connection from the gateway's VmRSS before and after.
/// </summary>
public sealed class S5Connections : IBenchmark
{
    /// <summary>Descriptors left to each process for its own use (journal, Orleans, logs).</summary>
    public const int Reserve = 256;

    public string Id => "S5";
    public string Title => "Connections held by one gateway process";
    public IReadOnlyList<string> Baselines => [];

    /// <summary>BENCHMARKS.md: as many as the process file limit allows (here: the bound of the run, see the note).</summary>
    public IReadOnlyList<Goal> Goals => [Goal.AtLeast("held_of_allowed", 0.99, "× allowed")];

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var cap = context.Scale(20_000, 200);
        var gatewayPid = context.System.Gateway.Pid ?? throw new InvalidOperationException("the gateway is not running");
        var generatorPid = Environment.ProcessId;
        var (listingId, bidders) = await context.OpenListing(2, label: "s5");
        var listing = context.Grains.GetGrain<IListingGrain>(listingId);

        var gatewayLimit = ProcessFacts.OpenFileLimit(gatewayPid);
        var generatorLimit = ProcessFacts.OpenFileLimit(generatorPid);
        var gatewayFiles = ProcessFacts.OpenFiles(gatewayPid);
        var generatorFiles = ProcessFacts.OpenFiles(generatorPid);
        var bounds = new List<(string Name, long Value)> { ("cap", cap) };
        if (gatewayLimit > 0 && gatewayFiles >= 0) bounds.Add(("gateway ulimit -n", gatewayLimit - gatewayFiles - Reserve));
        if (generatorLimit > 0 && generatorFiles >= 0) bounds.Add(("generator ulimit -n", generatorLimit - generatorFiles - Reserve));
        var (bound, allowed) = bounds.MinBy(b => b.Value);
        allowed = Math.Max(0, allowed);
        context.Log.WriteLine($"  S5: cap {cap}; {ProcessFacts.Describe("gateway", gatewayPid)}; {ProcessFacts.Describe("generator", generatorPid)}; allowed {allowed} ({bound})");
        var rssBefore = ProcessFacts.RssKb(gatewayPid);

        var metrics = new List<(string, double)>();
        var checks = new List<Check>();
        var received = 0;
        var probeAmount = 1001m;
        ConnectReport report;
        long rssAfter, gatewayFilesAfter;
        await using (var pool = new WatcherPool(context.System.GatewayUrl + "/hubs/listings"))
        {
            // Two halves: KB per connection is the slope of VmRSS over the second half, because the gateway's heap
            // still holds memory from earlier scenarios (S4's watchers) that the first connections reuse.
            void Configure(HubConnection connection, int _) =>
                connection.On<ProbeEvent>("ListingEvent", e =>
                {
                    if (e.Type == "bidAccepted" && e.Amount == probeAmount) Interlocked.Increment(ref received);
                });
            Task Watch(HubConnection connection, int _) => connection.InvokeAsync("Watch", listingId, 0L, cancellationToken);
            var first = await pool.Add((int)(allowed / 2), Configure, Watch, LiveSizes.ConnectParallelism, maxFailures: 200, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var (heldHalf, rssHalf) = (pool.Count, ProcessFacts.RssKb(gatewayPid));
            var second = first.Failed >= 200 ? first with { Requested = 0, Established = 0, Failed = 0, Errors = new Dictionary<string, int>() }
                : await pool.Add((int)allowed - pool.Count, Configure, Watch, LiveSizes.ConnectParallelism, maxFailures: 200 - first.Failed, cancellationToken);
            report = new ConnectReport((int)allowed, first.Established + second.Established, first.Failed + second.Failed, first.Elapsed + second.Elapsed,
                first.Errors.Concat(second.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value)));
            context.Log.WriteLine($"  S5: {report}");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            rssAfter = ProcessFacts.RssKb(gatewayPid);
            var kbPerConnection = pool.Count > heldHalf ? (rssAfter - rssHalf) / (double)(pool.Count - heldHalf) : double.NaN;
            gatewayFilesAfter = ProcessFacts.OpenFiles(gatewayPid);

            // Honest count: a connection is held only if it still gets the listing's events.
            var clock = Stopwatch.StartNew();
            var bid = await listing.PlaceBid(new PlaceBid(bidders[0], probeAmount, $"s5-{listingId}"));
            var reached = await Deliveries.WaitUntil(() => Volatile.Read(ref received) >= pool.Count, LiveSizes.Drain(pool.Count), cancellationToken);
            var probeMs = clock.Elapsed.TotalMilliseconds;
            var held = Volatile.Read(ref received);
            metrics.Add(("connections", held));
            metrics.Add(("attempted", allowed));
            metrics.Add(("failed", report.Failed));
            metrics.Add(("allowed", allowed));
            metrics.Add(("held_of_allowed", allowed == 0 ? 0 : (double)held / allowed));
            metrics.Add(("gateway_ulimit_n", gatewayLimit == long.MaxValue ? -1 : gatewayLimit));
            metrics.Add(("generator_ulimit_n", generatorLimit == long.MaxValue ? -1 : generatorLimit));
            metrics.Add(("gateway_fds", gatewayFilesAfter));
            metrics.Add(("gateway_rss_mb", rssAfter / 1024.0));
            metrics.Add(("kb_per_connection", kbPerConnection));
            metrics.Add(("connect_per_s", report.Established / report.Elapsed.TotalSeconds));
            metrics.Add(("probe_all_ms", reached ? probeMs : -1));
            metrics.Add(("dropped", pool.Dropped));
            checks.Add(new Check("S5: the probe bid was accepted", bid.IsSuccess, bid.IsSuccess ? $"seq {bid.Value!.Seq}" : bid.Rejection!.Code));
            checks.Add(new Check("S5: every established connection is alive (got the probe bid)", held == pool.Count && pool.Dropped == 0,
                $"{held} of {pool.Count} established connections got the probe bid in {probeMs:0} ms; {pool.Dropped} dropped"));
            if (bid.IsSuccess) checks.Add(await context.EveryAckLoggedOnce(listingId, [bid.Value!]));
        }
        var limitReached = report.Established < allowed
            ? $"connecting failed after {report.Established} ({report})"
            : $"{allowed} allowed, bound by {bound}";
        return new Measurement(metrics.Where(m => double.IsFinite(m.Item2)).ToDictionary(m => m.Item1, m => m.Item2), checks,
            $"limit: {limitReached}; gateway ulimit -n {FormatLimit(gatewayLimit)} ({gatewayFiles} fds before, {gatewayFilesAfter} with the connections), generator ulimit -n {FormatLimit(generatorLimit)}, " +
            $"{WatcherPool.SourceAddresses} loopback source addresses, local ports {ProcessFacts.LocalPortRange()}; VmRSS {rssBefore / 1024} MB before, {rssAfter / 1024} MB with the connections; KB per connection = VmRSS slope over the second half");
    }

    private static string FormatLimit(long limit) => limit == long.MaxValue ? "unlimited" : limit.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record ProbeEvent(long Seq, string Type, decimal? Amount);
}
