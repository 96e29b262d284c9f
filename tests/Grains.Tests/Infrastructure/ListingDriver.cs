using Auction.Contracts.Caps;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Silo.Journal;

namespace Auction.Grains.Tests.Infrastructure;

/// <summary>Drives one listing through the grains the way a centre, a bank and bidders would.</summary>
public sealed class ListingDriver(IEngineHost fixture, string listingId)
{
    public const string Centre = "centre-sz";
    public static readonly CentreActor CentreUser = new("officer-1", Centre);

    public string Id { get; } = listingId;
    public IEngineHost Host => fixture;
    public IListingGrain Grain => fixture.Grains.GetGrain<IListingGrain>(Id);
    public IListingRegistrationGrain Registration => fixture.Grains.GetGrain<IListingRegistrationGrain>(Id);

    /// <summary>The cap stage of the same listing grain (area bids, lottery, one-time quote).</summary>
    public IPriceCapGrain CapStage => fixture.Grains.GetGrain<IPriceCapGrain>(Id);
    public DateTimeOffset Now => fixture.Time.GetUtcNow();

    public static ListingDriver Create(IEngineHost fixture, string name) => new(fixture, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)]);

    /// <summary>A commercial listing opening in 1 hour, listing for 2 hours; deposit deadline 10 minutes before the end.</summary>
    public PublishListing Definition(
        TimedBiddingTerms? timed = null, decimal startingPrice = 1000m, decimal increment = 10m, decimal? reserve = null,
        IncrementRule rule = IncrementRule.AtLeastOneStep, LandUse use = LandUse.Commercial, int? grade = null) =>
        new($"pub-{Id}", Centre, "officer-1",
            new Parcel("TC2026-017", "Taicang, Jiangsu", "320585", use, 50000m, 40, new PlotRatioRange(1.0m, 2.0m), grade, null),
            GrantMethod.Listing, Now, Now.AddHours(1), Now.AddHours(3), Now.AddHours(2.5), Now.AddHours(2.5),
            startingPrice, increment, rule, 100m, reserve, timed ?? TimedBiddingTerms.None);

    /// <summary>An auction of the same parcel starting in 1 hour; applications and deposits close 10 minutes before.</summary>
    public PublishListing AuctionDefinition(AuctionMode mode = AuctionMode.Online, int countdownSeconds = 60, int minBidders = 1, decimal? reserve = null) =>
        Definition(reserve: reserve) with
        {
            Method = GrantMethod.Auction,
            BiddingEndsAt = null,
            ApplicationDeadline = Now.AddMinutes(50),
            DepositDeadline = Now.AddMinutes(50),
            Auction = new AuctionTerms(mode, countdownSeconds, minBidders),
        };

    /// <summary>A tender of the same parcel: the box opens in 1 hour, the opening (开标) is at 3 hours.</summary>
    public PublishListing TenderDefinition(TenderTerms? terms = null, decimal? reserve = null) =>
        Definition(reserve: reserve) with { Method = GrantMethod.Tender, Tender = terms };

    public Task<Outcome<TenderReceipt>> Tender(string bidderId, decimal amount, string? requestId = null, string? proposalSha256 = null) =>
        Grain.SubmitTender(new SubmitTender(bidderId, amount, proposalSha256, requestId ?? $"tender-{bidderId}"));

    public async Task<TenderReceipt> Tendered(string bidderId, decimal amount)
    {
        var outcome = await Tender(bidderId, amount);
        Assert.True(outcome.IsSuccess, outcome.Rejection?.ToString());
        return outcome.Value!;
    }

    /// <summary>The owning centre records a committee member's sheet.</summary>
    public Task<Outcome<SheetReceipt>> Sheet(EvaluationSheet sheet) => Grain.RecordSheet(CentreUser, sheet);

    /// <summary>The stored stream of the tender box, read from the store itself.</summary>
    public Task<IReadOnlyList<JournalEntry>> StoredTenderBox() => fixture.Store.ReadAsync($"box/{Id}/tenders", 0);

    /// <summary>A price cap of 1,100 on a start of 1,000 in steps of 10 (DOMAIN §7), in the given mode with its defaults.</summary>
    public static PriceCapTerms Cap(CapMode mode, decimal amount = 1100m) => mode switch
    {
        CapMode.HousingArea => new PriceCapTerms(amount, mode, HousingArea: new HousingAreaTerms(1000m, 500m)),
        CapMode.OneTimeQuote => new PriceCapTerms(amount, mode, OneTimeQuote: new OneTimeQuoteRange(amount, amount + 500m)),
        _ => new PriceCapTerms(amount, mode),
    };

    public async Task<ListingSnapshot> Publish(PublishListing? definition = null) =>
        (await Grain.Publish(definition ?? Definition())).Expect();

    public void Advance(TimeSpan by) => fixture.Time.Advance(by);

    /// <summary>Advances the fake clock to <paramref name="instant"/> (never backwards).</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        if (instant > Now) fixture.Time.Advance(instant - Now);
    }

    /// <summary>Applies, pays the deposit in one credit and returns the bidder number.</summary>
    public async Task<string> Qualify(string bidderId)
    {
        var application = (await Registration.Apply(new ApplyForListing(bidderId, $"{bidderId} Co., Ltd.", $"apply-{bidderId}"))).Expect();
        var credit = await fixture.Grains.GetGrain<IDepositAccountGrain>(application.DepositAccount)
            .Credit(new DepositCredit(application.DepositAccount, application.DepositDue, $"txn-{Id}-{bidderId}", Now));
        Assert.Equal(ApplicationStatus.Qualified, credit.Expect().Status);
        return (await Registration.GetApplication(bidderId)).Expect().BidderNo!;
    }

    public Task<Outcome<BidReceipt>> Bid(string bidderId, decimal amount, string? requestId = null) =>
        Grain.PlaceBid(new PlaceBid(bidderId, amount, requestId ?? $"bid-{bidderId}-{amount}"));

    public async Task<BidReceipt> Accepted(string bidderId, decimal amount)
    {
        var outcome = await Bid(bidderId, amount);
        Assert.True(outcome.IsSuccess, outcome.Rejection?.ToString());
        return outcome.Value!;
    }

    /// <summary>The auctioneer of the owning centre records a paddle bid.</summary>
    public Task<Outcome<BidReceipt>> FloorBid(string bidderNo, decimal amount, string? requestId = null) =>
        Grain.PlaceFloorBid(CentreUser, new FloorBid(bidderNo, amount, requestId ?? $"floor-{bidderNo}-{amount}"));

    public Task<Outcome<ListingResult>> Hammer() => Grain.Hammer(CentreUser);

    public Task<Outcome<AreaBidReceipt>> AreaBid(string bidderId, decimal areaM2, string? requestId = null) =>
        CapStage.PlaceAreaBid(new PlaceAreaBid(bidderId, areaM2, requestId ?? $"area-{bidderId}-{areaM2}"));

    public Task<Outcome<StageEntryReceipt>> JoinLottery(string bidderId, string? requestId = null) =>
        CapStage.JoinLottery(new JoinCapStage(bidderId, requestId ?? $"join-{bidderId}"));

    public Task<Outcome<StageEntryReceipt>> Confirm(string bidderId, string? requestId = null) =>
        CapStage.ConfirmOneTimeQuote(new JoinCapStage(bidderId, requestId ?? $"confirm-{bidderId}"));

    public Task<Outcome<QuoteReceipt>> Quote(string bidderId, decimal amount, string? requestId = null) =>
        CapStage.SubmitQuote(new SubmitQuote(bidderId, amount, requestId ?? $"quote-{bidderId}-{amount}"));

    public async Task<IReadOnlyList<PublicListingEvent>> Events() => (await Grain.GetEvents(0, 1000)).Expect();

    public async Task<ListingSnapshot> Snapshot() => (await Grain.GetSnapshot()).Expect();

    public async Task<ListingResult> Result() => (await Grain.GetResult()).Expect();

    /// <summary>The stored journal, read from the store itself (not through the grain).</summary>
    public Task<IReadOnlyList<JournalEntry>> StoredEntries() => fixture.Store.ReadAsync($"listing/{Id}", 0);

    /// <summary>The stored checkpoint stream of the listing.</summary>
    public Task<IReadOnlyList<JournalEntry>> StoredCheckpoints() => fixture.Store.ReadAsync($"checkpoint/{Id}", 0);

    public Task<IReadOnlyList<JournalEntry>> StoredRegistration() => fixture.Store.ReadAsync($"registration/{Id}", 0);

    public async Task<Auction.Contracts.Records.SignedCheckpoint> Checkpoint() => (await Grain.GetCheckpoint()).Expect();

    /// <summary>Waits (bounded) until the latest checkpoint signs at least <paramref name="seq"/>.</summary>
    public async Task<Auction.Contracts.Records.SignedCheckpoint> CheckpointAt(long seq)
    {
        for (var i = 0; i < 100; i++)
        {
            var outcome = await Grain.GetCheckpoint();
            if (outcome.IsSuccess && outcome.Value!.Seq >= seq) return outcome.Value;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no checkpoint at seq {seq} of {Id}");
    }
}
