using System.Diagnostics;
using Auction.Bench.Core;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;

namespace Auction.Bench.Scenarios;

/// <summary>
/// B1: the raw journal append, exactly as a listing grain does it (one hash-chained <c>bidAccepted</c> entry per
/// append, version-checked), straight on the system's store: SQLite (synchronous=FULL) embedded, Redis
/// (appendfsync always) in the cluster. One client appending sequentially, then 50 clients each on its own stream.
/// </summary>
public sealed class B1StoreAppend : IBenchmark
{
    public const int Clients = 50;

    public string Id => "B1";
    public string Title => "Raw store append (1 client, 50 clients)";
    public IReadOnlyList<string> Baselines => [];
    public IReadOnlyList<Goal> Goals => [];

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var store = context.System.Store;
        var run = Guid.NewGuid().ToString("N")[..8];
        var cap = TimeSpan.FromSeconds(context.Scale(15, 3));

        // Warm the connection (pool, script cache) outside the measurement.
        await new Appender(store, $"bench-b1/{run}/warm").Append(cancellationToken);

        var one = new Latencies();
        var appender = new Appender(store, $"bench-b1/{run}/single");
        var sequential = context.Scale(10_000, 100);
        var clock = Stopwatch.StartNew();
        var done1 = 0;
        for (; done1 < sequential && clock.Elapsed < cap; done1++)
        {
            var started = clock.Elapsed;
            await appender.Append(cancellationToken);
            one.Record(clock.Elapsed - started);
        }
        var elapsed1 = clock.Elapsed;

        // 50 clients, each its own stream, on its own thread: SQLite's "async" calls run synchronously.
        var many = new Latencies();
        var total = context.Scale(20_000, 250);
        var taken = 0;
        clock.Restart();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Factory.StartNew(async () =>
        {
            var client = new Appender(store, $"bench-b1/{run}/client-{c:00}");
            while (Interlocked.Increment(ref taken) <= total && clock.Elapsed < cap)
            {
                var started = clock.Elapsed;
                await client.Append(cancellationToken);
                many.Record(clock.Elapsed - started);
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));
        var elapsed50 = clock.Elapsed;

        return Measurement.Of(
            ("appends_per_s_1", done1 / elapsed1.TotalSeconds), ("p50_ms_1", one.Ms(50)), ("p99_ms_1", one.Ms(99)),
            ("appends_per_s_50", many.Count / elapsed50.TotalSeconds), ("p50_ms_50", many.Ms(50)), ("p99_ms_50", many.Ms(99)));
    }

    /// <summary>One stream, appended one sealed entry at a time at the version it last wrote.</summary>
    private sealed class Appender(IJournalStore store, string stream)
    {
        private long _version;
        private string _head = HashChain.Genesis;

        public async Task Append(CancellationToken cancellationToken)
        {
            var seq = _version + 1;
            var now = DateTimeOffset.UtcNow;
            ListingEvent evt = new BidAccepted("001", "bidder-0001", 1000m + seq, BidPhase.Listing, now.AddHours(1), $"b1-{seq}");
            var entry = HashChain.Seal(_head, seq, JournalJson.TypeName(evt), now, JournalJson.Serialize(evt));
            await store.AppendAsync(stream, _version, [entry], cancellationToken);
            (_version, _head) = (seq, entry.Hash);
        }
    }
}
