using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Auction.Bench.Core;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;

namespace Auction.Bench.Scenarios;

/// <summary>A bid and its definitive answer: an accepted receipt, or a rejection other than "store unavailable".</summary>
internal sealed record BidAnswer(Outcome<BidReceipt> Outcome, int Retries)
{
    public bool Accepted => Outcome.IsSuccess;
}

/// <summary>Sending bids until their outcome is known, and auditing the acknowledgements against the stored log.</summary>
internal static class Bids
{
    /// <summary>One attempt may take this long before it counts as "outcome unknown" and is retried (same request id).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A bid still without a definitive answer after this long is reported as unanswered.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Places <paramref name="bid"/> and retries it with the same request id until the answer is definitive: an
    /// exception, a timeout or a <c>store unavailable</c> rejection leave the outcome unknown, and only a retry
    /// (which the listing answers from its log if the first attempt was recorded) can settle it. Returns null
    /// when no definitive answer came within <see cref="GiveUpAfter"/>.
    /// </summary>
    public static Task<BidAnswer?> UntilDefinitive(IGrainFactory grains, string listingId, PlaceBid bid, CancellationToken cancellationToken) =>
        UntilDefinitive(new GrainBidRoute(grains), listingId, bid, cancellationToken);

    /// <inheritdoc cref="UntilDefinitive(IGrainFactory, string, PlaceBid, CancellationToken)"/>
    public static async Task<BidAnswer?> UntilDefinitive(IBidRoute route, string listingId, PlaceBid bid, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var outcome = await route.Place(listingId, bid, cancellationToken).WaitAsync(AttemptTimeout, cancellationToken);
                if (outcome.IsSuccess || outcome.Rejection!.Code != RejectionCodes.StoreUnavailable) return new BidAnswer(outcome, attempt);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
            }
            if (clock.Elapsed > GiveUpAfter) return null;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * (attempt + 1), 500)), cancellationToken);
        }
    }

    /// <summary>What the stored logs say about the acknowledgements of a run, over one or more listings.</summary>
    public sealed record Audit(int Listings, int Acknowledged, int Stored, int Lost, int Duplicates, int Unacknowledged, int OutOfOrder, IReadOnlyList<Check> Checks);

    /// <summary>
    /// Reads every listing's stored log: acknowledged bids missing (lost), bids stored twice for one request or seqs
    /// acknowledged twice (duplicates), stored bids nobody was told about (unacknowledged), accepted amounts that do
    /// not strictly increase by seq (out of order), and the harness's <see cref="BenchContext.EveryAckLoggedOnce"/>.
    /// </summary>
    public static async Task<Audit> Check(BenchContext context, IReadOnlyDictionary<string, IReadOnlyCollection<BidReceipt>> receipts)
    {
        int acknowledged = 0, stored = 0, lost = 0, duplicates = 0, unacknowledged = 0, outOfOrder = 0;
        var failed = new List<string>();
        foreach (var (listingId, acks) in receipts)
        {
            var entries = await context.System.Store.ReadAsync($"listing/{listingId}", 0);
            var bids = entries.Where(e => e.Type == "bidAccepted").Select(e =>
            {
                var data = JsonDocument.Parse(e.Data).RootElement;
                return (e.Seq, Amount: data.GetProperty("amount").GetDecimal(), Request: $"{data.GetProperty("bidderId").GetString()}/{data.GetProperty("requestId").GetString()}");
            }).ToArray();
            var bySeq = bids.ToDictionary(b => b.Seq, b => b.Amount);
            var ackedSeqs = acks.Select(a => a.Seq).ToHashSet();
            acknowledged += acks.Count;
            stored += bids.Length;
            lost += acks.Count(a => !bySeq.TryGetValue(a.Seq, out var amount) || amount != a.Amount);
            duplicates += bids.GroupBy(b => b.Request).Sum(g => g.Count() - 1) + acks.GroupBy(a => a.Seq).Sum(g => g.Count() - 1);
            unacknowledged += bids.Count(b => !ackedSeqs.Contains(b.Seq));
            outOfOrder += bids.Zip(bids.Skip(1)).Count(p => p.Second.Amount <= p.First.Amount);
            var check = await context.EveryAckLoggedOnce(listingId, acks);
            if (!check.Passed) failed.Add(check.Detail);
        }
        var checks = new List<Check>
        {
            new($"every acknowledged bid logged once ({receipts.Count} listings)", failed.Count == 0,
                failed.Count == 0 ? $"{acknowledged} acknowledged, {stored} logged, seq gapless and chain valid on every listing" : string.Join("; ", failed.Take(5))),
            new("accepted amounts strictly increase by seq", outOfOrder == 0, $"{outOfOrder} out of order"),
            new("no request stored twice", duplicates == 0, $"{duplicates} duplicates"),
        };
        return new Audit(receipts.Count, acknowledged, stored, lost, duplicates, unacknowledged, outOfOrder, checks);
    }
}

/// <summary>Draws ranks 0…n−1 with P(k) ∝ 1/(k+1)^s.</summary>
internal sealed class Zipf
{
    private readonly double[] _cumulative;

    public Zipf(int n, double s)
    {
        _cumulative = new double[n];
        var sum = 0.0;
        for (var k = 0; k < n; k++) _cumulative[k] = sum += 1 / Math.Pow(k + 1, s);
        for (var k = 0; k < n; k++) _cumulative[k] /= sum;
    }

    public int Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}

/// <summary>
/// Many open listings at once (S3, S6): each with a few qualified bidders; each bid picks its listing by a Zipf
/// distribution (s = 1.1) and one of that listing's bidders, and bids one step above the listing's last amount
/// handed out. Every bid is retried until definitive, and every receipt is kept for the audit. Bids go by the
/// <see cref="IBidRoute"/> it was opened with (the Orleans client unless a scenario says otherwise).
/// </summary>
internal sealed class Market
{
    private const double ZipfExponent = 1.1;

    private readonly BenchContext _context;
    private readonly IBidRoute _route;
    private readonly (string Id, string[] Bidders)[] _listings;
    private readonly int[] _nextAmount;
    private readonly ConcurrentBag<BidReceipt>[] _receipts;
    private readonly Zipf _zipf;
    private readonly string _runTag = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<string, int> _rejections = new();
    private readonly SemaphoreSlim[] _turns;
    private int _accepted, _rejected, _unanswered, _retries, _sent;

    private Market(BenchContext context, IBidRoute route, (string, string[])[] listings)
    {
        _context = context;
        _route = route;
        _listings = listings;
        _nextAmount = new int[listings.Length];
        _receipts = listings.Select(_ => new ConcurrentBag<BidReceipt>()).ToArray();
        _turns = listings.Select(_ => new SemaphoreSlim(1, 1)).ToArray();
        _zipf = new Zipf(listings.Length, ZipfExponent);
    }

    public int Accepted => _accepted;
    public int Rejected => _rejected;
    public int Unanswered => _unanswered;
    public int Retries => _retries;
    public int Count => _listings.Length;

    /// <summary>Rejections by code, e.g. "bid-too-low: 120".</summary>
    public string RejectionSummary => string.Join(", ", _rejections.OrderByDescending(r => r.Value).Select(r => $"{r.Key}: {r.Value}"));

    public static async Task<Market> Open(BenchContext context, int listings, int biddersPerListing, string label, IBidRoute? route = null)
    {
        var opened = new (string, string[])[listings];
        await Parallel.ForEachAsync(Enumerable.Range(0, listings), new ParallelOptions { MaxDegreeOfParallelism = 25 }, async (i, _) =>
            opened[i] = await context.OpenListing(biddersPerListing, label: label));
        return new Market(context, route ?? new GrainBidRoute(context.Grains), opened);
    }

    /// <summary>The listing (by index) the next bid goes to, drawn by Zipf rank.</summary>
    public int PickListing(Random random) => _zipf.Next(random);

    /// <summary>
    /// Sends one bid to listing <paramref name="listing"/> and waits for its definitive answer; calls
    /// <paramref name="answered"/> with whether it was accepted. Returns whether it was accepted.
    /// </summary>
    public async Task<bool> Bid(int listing, int bidderChoice, CancellationToken cancellationToken, Action<bool>? answered = null)
    {
        var (id, bidders) = _listings[listing];
        var amount = 1000m + Interlocked.Increment(ref _nextAmount[listing]);
        var bidder = bidders[bidderChoice % bidders.Length];
        var request = $"{_runTag}-{Interlocked.Increment(ref _sent)}";
        var answer = await Bids.UntilDefinitive(_route, id, new PlaceBid(bidder, amount, request), cancellationToken);
        if (answer is null)
        {
            Interlocked.Increment(ref _unanswered);
            return false;
        }
        Interlocked.Add(ref _retries, answer.Retries);
        if (answer.Accepted)
        {
            _receipts[listing].Add(answer.Outcome.Value!);
            Interlocked.Increment(ref _accepted);
        }
        else
        {
            Interlocked.Increment(ref _rejected);
            _rejections.AddOrUpdate(answer.Outcome.Rejection!.Code, 1, (_, n) => n + 1);
        }
        answered?.Invoke(answer.Accepted);
        return answer.Accepted;
    }

    /// <summary>
    /// A bid placed on the listing's current price: waits until no other bid of this generator is in flight on the
    /// listing, so it never races one (racing bids mostly end BID_TOO_LOW, which measures the race, not the engine).
    /// </summary>
    public async Task<bool> BidInTurn(int listing, int bidderChoice, CancellationToken cancellationToken)
    {
        await _turns[listing].WaitAsync(cancellationToken);
        try
        {
            return await Bid(listing, bidderChoice, cancellationToken);
        }
        finally
        {
            _turns[listing].Release();
        }
    }

    public Task<Bids.Audit> Audit() =>
        Bids.Check(_context, _listings.Select((l, i) => (l.Id, (IReadOnlyCollection<BidReceipt>)_receipts[i].ToArray())).ToDictionary(x => x.Id, x => x.Item2));
}
