using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Auction.Bench.Core;
using Auction.Bench.Live;
using Auction.Contracts.Caps;
using Auction.Contracts.Listings;

namespace Auction.Bench.Scenarios;

/// <summary>
/// S9: a price-capped listing (最高限价) in lottery mode with 1,000 entrants: one bidder bids the cap, every other
/// qualified bidder joins the lottery, and at the joining deadline the server draws by itself. Reports how long after
/// the deadline the public <c>lotteryDrawn</c> event reached a watcher on the gateway, and recomputes the draw from
/// public data alone (the <c>published</c> commitment and the event: API.md v2 "Price caps").
/// </summary>
public sealed class S9LotteryDraw : IBenchmark
{
    private const decimal Cap = 1100m;

    public string Id => "S9";
    public string Title => "Lottery among 1,000 entrants: join deadline → lotteryDrawn";
    public IReadOnlyList<string> Baselines => [];
    public IReadOnlyList<Goal> Goals => [Goal.AtMost("drawn_after_deadline_ms", 1000, "ms")];

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var entrants = context.Scale(1000, 20);
        // Bidding ends (and with it, at the earliest, the joining) once every bidder has qualified and joined; the joining
        // lasts at least the shortest confirmation window a cap may publish after the cap quote.
        var window = TimeSpan.FromSeconds(context.Scale(180, 4));
        var (listingId, bidders) = await context.Publish(entrants, "s9", (id, now) =>
            new PublishListing($"bench-s9-{id}", "bench-centre", "bench", BenchContext.Parcel, GrantMethod.Listing, now, now.AddSeconds(1), now + window,
                now + window - TimeSpan.FromSeconds(1), now + window - TimeSpan.FromSeconds(1), 1000m, 1m, IncrementRule.AtLeastOneStep, 100m, null,
                TimedBiddingTerms.None, PriceCap: new PriceCapTerms(Cap, CapMode.Lottery, ConfirmSeconds: 10)), waitUntilOpen: true);
        var listing = context.Grains.GetGrain<IListingGrain>(listingId);
        var stage = context.Grains.GetGrain<IPriceCapGrain>(listingId);
        await using var watcher = await SaleWatcher.Start(context.System.GatewayUrl, listingId, cancellationToken);
        var published = await watcher.First("published", TimeSpan.FromSeconds(30));

        (await listing.PlaceBid(new PlaceBid(bidders[0], Cap, "s9-cap"))).Expect();
        await Parallel.ForEachAsync(bidders.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (bidder, _) => (await stage.JoinLottery(new JoinCapStage(bidder, $"s9-{bidder}"))).Expect());
        var joinDeadline = (await listing.GetSnapshot()).Expect().CapStage?.JoinDeadline
            ?? throw new InvalidOperationException("a capped lottery listing shows its joining deadline");
        if (DateTimeOffset.UtcNow >= joinDeadline) throw new InvalidOperationException($"joining took past the deadline {joinDeadline:O}: lengthen the window");

        var drawn = await watcher.First("lotteryDrawn", joinDeadline - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60));
        var commitment = published.Event.GetProperty("lotteryCommitment").GetString()!;
        var secret = drawn.Event.GetProperty("secret").GetString()!;
        var names = drawn.Event.GetProperty("entrants").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var winner = drawn.Event.GetProperty("winnerBidderNo").GetString();
        var recomputed = Draw(listingId, secret, names);
        var committed = Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(secret))) == commitment;
        return Measurement.Of(("drawn_after_deadline_ms", (drawn.ReceivedAt - joinDeadline).TotalMilliseconds), ("entrants", names.Length))
            .With(
                new Check("S9: every bidder entered the draw", names.Length == entrants, $"{names.Length} entrants of {entrants}"),
                new Check("S9: the draw recomputes from public data (commitment, entrants, secret)", committed && recomputed == winner,
                    $"SHA-256(secret) {(committed ? "matches" : "differs from")} the published commitment; recomputed winner {recomputed}, drawn {winner}"));
    }

    /// <summary>API.md: entrants in ordinal order; HMAC-SHA256(secret, "{listingId}|{entrants joined with ','}"), first 8 bytes big-endian, mod the count.</summary>
    private static string Draw(string listingId, string secretHex, string[] entrants)
    {
        var sorted = entrants.Order(StringComparer.Ordinal).ToArray();
        var mac = HMACSHA256.HashData(Convert.FromHexString(secretHex), Encoding.UTF8.GetBytes($"{listingId}|{string.Join(",", sorted)}"));
        return sorted[(int)(BinaryPrimitives.ReadUInt64BigEndian(mac) % (ulong)sorted.Length)];
    }
}
