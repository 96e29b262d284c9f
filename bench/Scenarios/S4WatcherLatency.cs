using System.Collections.Concurrent;
using System.Diagnostics;
using Auction.Bench.Core;
using Auction.Bench.Live;
using Auction.Contracts.Listings;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Bench.Scenarios;

/// <summary>
/// S4: bid → watcher latency on the real gateway. One open listing, N watchers (1k / 5k / 10k, added step by step
/// on the same listing) calling <c>Watch(listingId, 0)</c> on <c>/hubs/listings</c>; bids placed through the Orleans
/// client on a fixed schedule, each with a distinct amount, so a watcher's <c>bidAccepted</c> event names the bid.
/// Latency = receive − planned send time (generator clock). Every watcher must see every seq after its snapshot,
/// in order, once. <c>S4M</c> is the same run with every watcher on SignalR's MessagePack hub protocol (issue 14:
/// at 10k watchers its p99 should be at least 30 % below the JSON figure of S4 in the same run).
/// </summary>
public sealed class S4WatcherLatency(bool messagePack = false) : IBenchmark
{
    private const decimal FirstAmount = 1001m; // OpenListing: start price 1000, increment 1

    public string Id => messagePack ? "S4M" : "S4";
    public string Title => "Bid → watcher latency, 1 listing, N watchers on one gateway" + (messagePack ? " (MessagePack)" : "");
    public IReadOnlyList<string> Baselines => messagePack ? ["B3", "S4"] : ["B3"];

    public IReadOnlyList<Goal> Goals =>
    [
        .. LiveSizes.FullWatchers.Select(n => Goal.AtMostTimes(LiveSizes.Metric("p99_ms", n), "B3", LiveSizes.Metric("p99_ms", n), 1)),
        Goal.AtMost(LiveSizes.Metric("p99_ms", 10_000), 250, "ms"),
        .. messagePack ? new[] { Goal.AtMostTimes(LiveSizes.Metric("p99_ms", 10_000), "S4", LiveSizes.Metric("p99_ms", 10_000), 0.7) } : [],
    ];

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var steps = LiveSizes.Watchers(context);
        var perStep = LiveSizes.MessagesPerStep(context);
        var rate = LiveSizes.Rate(context);
        var (listingId, bidders) = await context.OpenListing(context.Scale(20, 4), label: Id.ToLowerInvariant());
        var listing = context.Grains.GetGrain<IListingGrain>(listingId);
        var deliveries = new Deliveries(LiveSizes.WarmUp + steps.Length * perStep, steps.Length);
        var receipts = new ConcurrentBag<BidReceipt>();
        var rejections = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var watchers = new ConcurrentDictionary<int, WatcherState>();
        var metrics = new List<(string, double)>();
        var checks = new List<Check>();
        var failedBids = 0;

        await using (var pool = new WatcherPool(context.System.GatewayUrl + "/hubs/listings", messagePack))
        {
            var next = LiveSizes.WarmUp;
            for (var step = 0; step < steps.Length; step++)
            {
                var n = steps[step];
                var report = await pool.Add(n - pool.Count, (connection, index) =>
                {
                    var state = watchers[index] = new WatcherState();
                    connection.On<LiveEvent>("ListingEvent", e =>
                    {
                        var now = Stopwatch.GetTimestamp();
                        state.Offer(e.Seq);
                        if (e.Type == "bidAccepted" && e.Amount is { } amount) deliveries.Receive((long)(amount - FirstAmount), now);
                    });
                }, async (connection, index) =>
                {
                    var watch = await connection.InvokeAsync<WatchReply>("Watch", listingId, 0L, cancellationToken);
                    watchers[index].Start(watch.Snapshot.Seq);
                }, LiveSizes.ConnectParallelism, maxFailures: 200, cancellationToken);
                context.Log.WriteLine($"  S4 N={n}: {report}");
                checks.Add(new Check($"S4 N={n}: every watcher connected and watching", pool.Count == n,
                    $"{pool.Count}/{n} held ({report}); {ProcessFacts.Describe("generator", Environment.ProcessId)}; {ProcessFacts.Describe("gateway", context.System.Gateway.Pid ?? 0)}"));
                if (pool.Count == 0) break;

                if (step == 0) failedBids += await deliveries.SendOnSchedule(0, LiveSizes.WarmUp, -1, rate, sequential: true, Bid, cancellationToken);
                var trace = LiveSizes.Trace(context, $"{Id}-{n}", perStep, rate, context.System.Servers.Select(s => (s.Name, s.Pid ?? 0)));
                var busy = ProcessFacts.Busy(context.System.Gateway.Pid ?? 0);
                failedBids += await deliveries.SendOnSchedule(next, perStep, step, rate, sequential: true, Bid, cancellationToken);
                next += perStep;
                var expected = (long)pool.Count * perStep;
                await Deliveries.WaitUntil(() => deliveries.Received(step) >= expected, LiveSizes.Drain(n), cancellationToken);
                metrics.AddRange(busy.StepMetrics(n, deliveries.Received(step)));
                if (trace is not null) await trace.Stop();
                metrics.AddRange(deliveries.StepMetrics(step, n, expected));
                metrics.Add((LiveSizes.Metric("held", n), pool.Count));
                checks.Add(new Check($"S4 N={n}: every watcher got every bid", deliveries.Received(step) == expected,
                    $"{deliveries.Received(step)} of {expected} deliveries ({pool.Count} watchers × {perStep} bids)"));
            }

            // Every watcher must end at the listing's last seq, having seen each seq after its snapshot once, in order.
            var finalSeq = (await listing.GetSnapshot()).Expect().Seq;
            var all = watchers.Values.Where(w => w.Started).ToArray();
            await Deliveries.WaitUntil(() => all.All(w => w.Last >= finalSeq), TimeSpan.FromSeconds(30), cancellationToken);
            var gaps = all.Sum(w => w.Gaps);
            var duplicates = all.Sum(w => w.Duplicates);
            var behind = all.Count(w => w.Last < finalSeq);
            metrics.Add(("gaps", gaps));
            metrics.Add(("duplicates", duplicates));
            metrics.Add(("dropped", pool.Dropped));
            metrics.Add(("bids", receipts.Count));
            checks.Add(new Check("S4: gapless, no duplicates, every watcher at the last seq, no dropped connection", gaps == 0 && duplicates == 0 && behind == 0 && pool.Dropped == 0 && deliveries.Unknown == 0,
                $"{all.Length} watchers: {gaps} seqs missing, {duplicates} duplicates, {behind} behind seq {finalSeq}, {pool.Dropped} dropped, {deliveries.Unknown} unknown bid events"));
            checks.Add(new Check("S4: every bid accepted", failedBids == 0,
                $"{receipts.Count} accepted, {failedBids} failed" + (rejections.IsEmpty ? "" : ": " + string.Join("; ", rejections.Select(r => $"{r.Value}× {r.Key}")))));
        }
        checks.Add(await context.EveryAckLoggedOnce(listingId, receipts.ToArray()));
        return new Measurement(metrics.Where(m => double.IsFinite(m.Item2)).ToDictionary(m => m.Item1, m => m.Item2), checks,
            $"{perStep} bids per N at {rate}/s through the Orleans client; latency = watcher receive − planned bid send time (generator clock)");

        async Task<bool> Bid(int message)
        {
            var bidder = bidders[message % bidders.Length];
            var outcome = await listing.PlaceBid(new PlaceBid(bidder, FirstAmount + message, $"{Id}-{listingId}-{message}"));
            if (outcome.IsSuccess)
            {
                receipts.Add(outcome.Value!);
                return true;
            }
            rejections.AddOrUpdate(outcome.Rejection!.Code, 1, (_, c) => c + 1);
            return false;
        }
    }

    // The fields the check needs (the rest is ignored), under the API's names for both protocols: JSON reads them by
    // name, MessagePack (stock resolver) by these keys; money arrives as a number over JSON, as decimal text over MessagePack.

    /// <summary>A ListingEvent.</summary>
    [MessagePack.MessagePackObject]
    public sealed class LiveEvent
    {
        [MessagePack.Key("seq")] public long Seq { get; set; }
        [MessagePack.Key("type")] public string Type { get; set; } = "";
        [MessagePack.Key("amount")] public decimal? Amount { get; set; }
    }

    [MessagePack.MessagePackObject]
    public sealed class SnapshotSeq
    {
        [MessagePack.Key("seq")] public long Seq { get; set; }
    }

    [MessagePack.MessagePackObject]
    public sealed class WatchReply
    {
        [MessagePack.Key("snapshot")] public SnapshotSeq Snapshot { get; set; } = new();
    }

    /// <summary>One watcher's view of the seq stream: events before its Watch answer are held until the snapshot seq is known.</summary>
    private sealed class WatcherState
    {
        private readonly object _gate = new();
        private List<long>? _early = [];
        private long _last;

        public bool Started
        {
            get
            {
                lock (_gate) return _early is null;
            }
        }

        public long Last
        {
            get
            {
                lock (_gate) return _early is null ? _last : -1;
            }
        }

        public long Gaps { get; private set; }

        public long Duplicates { get; private set; }

        public void Offer(long seq)
        {
            lock (_gate)
            {
                if (_early is not null) _early.Add(seq);
                else Advance(seq);
            }
        }

        public void Start(long snapshotSeq)
        {
            lock (_gate)
            {
                _last = snapshotSeq;
                var early = _early!;
                _early = null;
                foreach (var seq in early) Advance(seq);
            }
        }

        private void Advance(long seq)
        {
            if (seq <= _last) Duplicates++;
            else
            {
                Gaps += seq - _last - 1;
                _last = seq;
            }
        }
    }
}
