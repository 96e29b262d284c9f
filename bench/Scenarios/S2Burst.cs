using System.Collections.Concurrent;
using System.Diagnostics;
using Auction.Bench.Core;
using Auction.Contracts.Listings;

namespace Auction.Bench.Scenarios;

/// <summary>
/// S2: one listing, 500 qualified bidders all bidding at the same moment, 20 rounds on a fixed schedule (open
/// loop: a round starts at its planned time whether or not the previous one is done). In round r every bidder
/// bids <c>1000 + 1000·(r+1) + random(0…999)</c>, so each round outbids the last and, within a round, only the
/// bids that arrive above the current highest win; rejections are definitive answers too. Latency is the time
/// from the round's planned start to the bid's definitive answer.
/// </summary>
public sealed class S2Burst : IBenchmark
{
    public string Id => "S2";
    public string Title => "One listing, 500 bidders bursting at once, 20 rounds";
    public IReadOnlyList<string> Baselines => [];
    public IReadOnlyList<Goal> Goals =>
    [
        Goal.AtMost("p99_ms", 1000, "ms"),
        Goal.AtMost("lost", 0, "bids"),
        Goal.AtMost("duplicates", 0, "bids"),
    ];

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var bidderCount = context.Scale(500, 50);
        var rounds = context.Scale(20, 3);
        var interval = TimeSpan.FromMilliseconds(context.Scale(1000, 300));
        var (listingId, bidders) = await context.OpenListing(bidderCount, label: "s2");
        var random = new Random(2);
        var amounts = Enumerable.Range(0, rounds).Select(r => bidders.Select(_ => 1000m + 1000m * (r + 1) + random.Next(0, 1000)).ToArray()).ToArray();

        var latencies = new Latencies();
        var receipts = new ConcurrentBag<BidReceipt>();
        int rejected = 0, unanswered = 0, retries = 0;
        var clock = Stopwatch.StartNew();
        var roundTasks = new List<Task>();
        for (var r = 0; r < rounds; r++)
        {
            var planned = interval * r;
            var wait = planned - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            var round = r;
            var bids = new Task[bidders.Length];
            for (var b = 0; b < bidders.Length; b++)
            {
                var bid = new PlaceBid(bidders[b], amounts[round][b], $"s2-{round}-{b}");
                bids[b] = Answer(bid);
            }
            roundTasks.Add(Task.WhenAll(bids));

            async Task Answer(PlaceBid bid)
            {
                var answer = await Bids.UntilDefinitive(context.Grains, listingId, bid, cancellationToken);
                latencies.Record(clock.Elapsed - planned);
                if (answer is null)
                {
                    Interlocked.Increment(ref unanswered);
                    return;
                }
                Interlocked.Add(ref retries, answer.Retries);
                if (answer.Accepted) receipts.Add(answer.Outcome.Value!);
                else Interlocked.Increment(ref rejected);
            }
        }
        await Task.WhenAll(roundTasks);
        var elapsed = clock.Elapsed;

        var acknowledged = receipts.ToArray();
        var audit = await Bids.Check(context, new Dictionary<string, IReadOnlyCollection<BidReceipt>> { [listingId] = acknowledged });
        var ordered = acknowledged.OrderBy(a => a.Seq).ToArray();
        var increasing = ordered.Zip(ordered.Skip(1)).All(p => p.Second.Amount > p.First.Amount);
        var total = bidderCount * rounds;
        return Measurement.Of(
                ("p50_ms", latencies.Ms(50)), ("p99_ms", latencies.Ms(99)), ("max_ms", latencies.MaxMs),
                ("answers_per_s", latencies.Count / elapsed.TotalSeconds), ("accepted", acknowledged.Length), ("rejected", rejected),
                ("unanswered", unanswered), ("retries", retries), ("lost", audit.Lost), ("duplicates", audit.Duplicates))
            .With([.. audit.Checks,
                new Check("every bid got a definitive answer", unanswered == 0 && acknowledged.Length + rejected == total,
                    $"{acknowledged.Length} accepted + {rejected} rejected of {total}, {unanswered} unanswered"),
                new Check("acknowledged amounts strictly increase by seq", increasing, $"{acknowledged.Length} acknowledged")]);
    }
}
