using Auction.Contracts.Caps;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Silo.Listing;
using Auction.Silo.Methods;
using Auction.Silo.Methods.Caps;
using Auction.Silo.Methods.Caps.OneTimeQuote;
using Auction.Silo.Records;
using Auction.Silo.Rules;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.Caps;

/// <summary>
/// A capped sale driven through the pure engine as the grain drives it: every event sealed into the hash chain
/// (<see cref="RecordLog"/>), one-time quotes sealed in a <see cref="TestBox"/>, catch-up opening the box when due, and
/// the record verifiable at any point. Bidders "bidder-a", "bidder-b", "bidder-c" qualify as 001, 002, 003.
/// </summary>
internal sealed class CapSale
{
    public const string Id = "L-cap";

    /// <summary>Starting price 14,500,000 and increment 100,000 (<see cref="TestListings"/>): the cap is five steps up.</summary>
    public const decimal Cap = 15_000_000m;

    /// <summary>A fixed secret, so a test can recompute the draw (the grain draws 32 bytes from the cryptographic RNG).</summary>
    public static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    public static readonly ListingRuleSettings Settings = new();
    public static readonly ListingEngine Engine = new(Publication(Settings), Settings);
    public static readonly CentreActor Owner = new("grantor-1", "centre-sz");
    private static readonly CheckpointSigner Signer = CheckpointSigner.Generated();

    private CapSale() => Log = new RecordLog(Engine);

    public RecordLog Log { get; }

    public TestBox Box => Log.Box(OneTimeQuoteStage.Box);

    public ListingState State => Log.State;

    public static PriceCapTerms Lottery(int? confirmSeconds = null) => new(Cap, CapMode.Lottery, ConfirmSeconds: confirmSeconds);

    public static PriceCapTerms HousingArea(decimal start = 1000m, decimal step = 500m, int? countdownSeconds = null) =>
        new(Cap, CapMode.HousingArea, CountdownSeconds: countdownSeconds, HousingArea: new HousingAreaTerms(start, step));

    public static PriceCapTerms OneTime(decimal min = Cap, decimal max = 18_000_000m, int? confirmSeconds = null, int? quoteSeconds = null) =>
        new(Cap, CapMode.OneTimeQuote, ConfirmSeconds: confirmSeconds, QuoteSeconds: quoteSeconds, OneTimeQuote: new OneTimeQuoteRange(min, max));

    /// <summary>A listing of <see cref="TestListings"/> (Jiangsu timed bidding) with <paramref name="cap"/>.</summary>
    public static PublishListing CappedListing(PriceCapTerms cap, IncrementRule rule = IncrementRule.AtLeastOneStep) =>
        Publish() with { PriceCap = cap, IncrementRule = rule };

    public static PublishListing CappedAuction(PriceCapTerms cap, AuctionMode mode = AuctionMode.Online) =>
        PublishAuction(new AuctionTerms(mode, 3600, 1)) with { PriceCap = cap };

    /// <summary>Published with its three bidders qualified and bidding open.</summary>
    public static CapSale Open(PublishListing command)
    {
        var sale = new CapSale();
        var (events, rejection) = Engine.Publish(sale.State, Id, command, Now, Secret);
        Assert.True(rejection is null, $"{rejection?.Code}: {rejection?.Message}");
        sale.Log.Record(Now, events);
        var qualifiedAt = command.Method == GrantMethod.Auction ? BeforeAuctionDeadline : Start.AddDays(-1);
        foreach (var bidder in new[] { "a", "b", "c" })
            sale.Log.Record(qualifiedAt, Engine.Qualify(sale.State, Sale.QualifyCommand($"bidder-{bidder}", $"app-{bidder}", completedAt: qualifiedAt)).Event);
        sale.CatchUp(Start);
        Assert.Equal(ListingStatus.Open, sale.State.Status);
        return sale;
    }

    /// <summary>Open, then bidder-a bids the start and bidder-b (002) reaches the cap at <paramref name="at"/> (default: an hour in).</summary>
    public static CapSale Capped(PublishListing command, DateTimeOffset? at = null)
    {
        var sale = Open(command);
        var capAt = at ?? Start.AddHours(1);
        sale.Bid("bidder-a", StartingPrice, capAt.AddSeconds(-5));
        sale.Bid("bidder-b", Cap, capAt);
        Assert.Equal(ListingStatus.Capped, sale.State.Status);
        return sale;
    }

    public BidDecision TryBid(string bidderId, decimal amount, DateTimeOffset at, string? requestId = null)
    {
        Log.CatchUp(at);
        var decision = Engine.Bid(State, new PlaceBid(bidderId, amount, requestId ?? $"{bidderId}-{amount}"), at);
        Log.Record(at, decision.Events);
        return decision;
    }

    public BidDecision Bid(string bidderId, decimal amount, DateTimeOffset at)
    {
        var decision = TryBid(bidderId, amount, at);
        Assert.True(decision.Rejection is null, $"{decision.Rejection?.Code}: {decision.Rejection?.Message}");
        return decision;
    }

    public CapSale CatchUp(DateTimeOffset now)
    {
        Log.CatchUp(now);
        return this;
    }

    public StageDecision<RecordedAreaBid> AreaBid(string bidderId, decimal areaM2, DateTimeOffset at, string? requestId = null) =>
        Recorded(at, () => Engine.AreaBid(State, new PlaceAreaBid(bidderId, areaM2, requestId ?? $"{bidderId}-area-{areaM2}"), at));

    public StageDecision<RecordedEntry> Join(string bidderId, DateTimeOffset at, string? requestId = null) =>
        Recorded(at, () => Engine.JoinLottery(State, new JoinCapStage(bidderId, requestId ?? $"{bidderId}-join"), at));

    public StageDecision<RecordedEntry> Confirm(string bidderId, DateTimeOffset at, string? requestId = null) =>
        Recorded(at, () => Engine.ConfirmOneTimeQuote(State, new JoinCapStage(bidderId, requestId ?? $"{bidderId}-confirm"), at));

    /// <summary>A one-time quote as the grain handles it: the bidder's own item found, the engine's decision, the box's answer.</summary>
    public Outcome<QuoteReceipt> Quote(string bidderId, decimal amount, DateTimeOffset at, string? requestId = null)
    {
        Log.CatchUp(at);
        var command = new SubmitQuote(bidderId, amount, requestId ?? $"{bidderId}-quote-{amount}");
        var own = State.QualifiedBidder(bidderId) is { } bidder ? Box.Find(bidder.BidderNo) : null;
        var decision = Engine.Quote(State, command, own, at);
        if (decision.Replay is { } replay) return Outcome<QuoteReceipt>.Success(replay);
        if (decision.Rejection is { } rejection) return rejection;
        return Engine.QuoteSealed(State, command, Box.Seal(decision.ToSeal!, at), at);
    }

    /// <summary>
    /// The record verified as <c>record/verify</c> does, its head signed (as an attacker who rehashed it could not, but
    /// the invariants must catch what the signature cannot), with the box streams of the openings unless given.
    /// </summary>
    public ChainVerification Verify(IReadOnlyList<Silo.Journal.JournalEntry>? entries = null, IReadOnlyDictionary<string, IReadOnlyList<Silo.Journal.JournalEntry>>? boxes = null)
    {
        entries ??= Log.Entries;
        boxes ??= Log.BoxStreams;
        return RecordVerifier.Verify(new RecordEvidence(Id, entries, Signer.Sign(Id, entries.Count, entries[^1].Hash, entries[^1].At), Boxes: boxes), Signer.Keyring);
    }

    public static void AssertValid(ChainVerification verdict) =>
        Assert.True(verdict.Valid, $"{verdict.Reason} at {verdict.BrokenAtSeq} in {verdict.Stream}: {verdict.Detail}");

    /// <summary>Catches up, decides, records what was accepted: what the grain does with a stage command.</summary>
    private StageDecision<T> Recorded<T>(DateTimeOffset at, Func<StageDecision<T>> decide) where T : class
    {
        Log.CatchUp(at);
        var decision = decide();
        Log.Record(at, decision.Accepted);
        return decision;
    }
}
