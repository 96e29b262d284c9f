using System.Text.Json;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Silo.Journal;

namespace Auction.Bench.Core;

/// <summary>What a benchmark gets: the running system, the size of the run, and helpers to set up listings.</summary>
public sealed class BenchContext(SystemUnderTest system, BenchSize size, TextWriter log)
{
    public SystemUnderTest System { get; } = system;
    public BenchMode Mode => System.Mode;
    public BenchSize Size { get; } = size;
    public TextWriter Log { get; } = log;

    /// <summary>The full figure for published runs, the smoke figure for CI.</summary>
    public int Scale(int full, int smoke) => Size == BenchSize.Full ? full : smoke;

    public IGrainFactory Grains => System.Client;

    /// <summary>
    /// Publishes a listing that opens about a second from now and runs for an hour (plain listing rule), with
    /// <paramref name="bidders"/> qualified bidders, and waits until it is open. Returns the id and bidder ids.
    /// </summary>
    public Task<(string ListingId, string[] Bidders)> OpenListing(int bidders, decimal increment = 1m, string? label = null) =>
        Publish(bidders, label ?? "l", (id, now) => new PublishListing($"bench-{label ?? "l"}-{id}", "bench-centre", "bench", Parcel,
            GrantMethod.Listing, now, now.AddSeconds(1), now.AddHours(1), now.AddMinutes(50), now.AddMinutes(50), 1000m, increment,
            IncrementRule.AtLeastOneStep, 100m, null, TimedBiddingTerms.None), waitUntilOpen: true);

    /// <summary>The parcel every benchmark sale is about (commercial: no floor, the defaults of a plain sale).</summary>
    public static Parcel Parcel { get; } = new("B-1", "bench", "320585", LandUse.Commercial, 10_000m, 40, null, null, null);

    /// <summary>
    /// Publishes the sale <paramref name="terms"/> describes (given its id and now), qualifies <paramref name="bidders"/>
    /// bidders (deposit 100 each; the terms' application and deposit deadlines must leave time for it), and with
    /// <paramref name="waitUntilOpen"/> waits until bidding is open. Returns the id and the bidder ids.
    /// </summary>
    public async Task<(string ListingId, string[] Bidders)> Publish(int bidders, string label, Func<string, DateTimeOffset, PublishListing> terms, bool waitUntilOpen)
    {
        // Right after the system starts (or a silo restarts) a silo can still refuse, e.g. "Reminder Service is
        // still initializing": retry on a fresh listing rather than fail the run.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PublishOnce(bidders, terms, waitUntilOpen);
            }
            catch (Exception ex) when (attempt < 10 && ex is not InvalidOperationException)
            {
                Log.WriteLine($"opening a {label} sale failed (attempt {attempt}), retrying: {ex.Message}");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private async Task<(string ListingId, string[] Bidders)> PublishOnce(int bidders, Func<string, DateTimeOffset, PublishListing> terms, bool waitUntilOpen)
    {
        // The gateway serves only well-formed listing ids (L + 16 lowercase hex), as the API makes them.
        var id = "L" + Guid.NewGuid().ToString("N")[..16];
        var listing = Grains.GetGrain<IListingGrain>(id);
        var published = await listing.Publish(terms(id, DateTimeOffset.UtcNow));
        published.Expect();
        var registration = Grains.GetGrain<IListingRegistrationGrain>(id);
        var ids = Enumerable.Range(0, bidders).Select(i => $"bidder-{i:0000}").ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (bidder, _) =>
        {
            var application = (await registration.Apply(new ApplyForListing(bidder, bidder, "apply"))).Expect();
            (await Grains.GetGrain<IDepositAccountGrain>(application.DepositAccount)
                .Credit(new DepositCredit(application.DepositAccount, 100m, $"txn-{id}-{bidder}", DateTimeOffset.UtcNow))).Expect();
        });
        if (waitUntilOpen)
        {
            // Until the sale's own start (an auction's lead may be long), and a little more for its catch-up to open it.
            var giveUp = published.Value!.BiddingStartsAt + TimeSpan.FromSeconds(10);
            while ((await listing.GetSnapshot()).Expect().Status != ListingStatus.Open)
            {
                if (DateTimeOffset.UtcNow > giveUp) throw new InvalidOperationException($"sale {id} did not open by {giveUp:O}");
                await Task.Delay(50);
            }
        }
        return (id, ids);
    }

    /// <summary>
    /// The end-of-run check (BENCHMARKS.md: keep the harness honest): every acknowledged bid is in the stored
    /// log exactly once, under its seq and amount, and the stored chain verifies.
    /// </summary>
    public async Task<Check> EveryAckLoggedOnce(string listingId, IReadOnlyCollection<BidReceipt> acknowledged)
    {
        var stored = await System.Store.ReadAsync($"listing/{listingId}", 0);
        var bids = stored.Where(e => e.Type == "bidAccepted").ToDictionary(e => e.Seq, e => JsonDocument.Parse(e.Data).RootElement.GetProperty("amount").GetDecimal());
        var missing = acknowledged.Count(a => !bids.TryGetValue(a.Seq, out var amount) || amount != a.Amount);
        var duplicates = acknowledged.GroupBy(a => a.Seq).Count(g => g.Count() > 1);
        var gapless = stored.Select((e, i) => e.Seq == i + 1).All(x => x);
        var chain = HashChain.FindBreak(stored) is null;
        var passed = missing == 0 && duplicates == 0 && gapless && chain && bids.Count == acknowledged.Count;
        return new Check($"{listingId}: acknowledged bids logged once", passed,
            $"{acknowledged.Count} acknowledged, {bids.Count} logged, {missing} missing, {duplicates} duplicated, seq gapless: {gapless}, chain valid: {chain}");
    }
}
