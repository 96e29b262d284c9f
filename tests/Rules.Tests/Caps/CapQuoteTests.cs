using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;
using Auction.Silo.Rules;
using static Auction.Rules.Tests.Caps.CapSale;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.Caps;

/// <summary>
/// The cap quote (DOMAIN §7.2, API.md v2 "Price caps"): no bid above the cap (CAP-G4, <c>ABOVE_CAP</c> with <c>cap</c>);
/// a bid of exactly the cap, or the partial last step when less than one increment is left (CAP-G2, Taicang; CAP-G4),
/// is the cap quote and is recorded with <c>capReached</c> in one append (CAP-G3); then status <c>capped</c> and every
/// price bid is <c>CAP_REACHED</c>, whatever its amount; the stage's first deadline as pinned.
/// </summary>
public sealed class CapQuoteTests
{
    public static TheoryData<string?, string, IncrementRule, string?, string?> CapSteps => new()
    {
        // current, amount, increment rule → code, minNextBid (cap 2,000, increment 50, start 1,000)
        { "1900", "1950", IncrementRule.AtLeastOneStep, null, null },
        { "1900", "2000", IncrementRule.AtLeastOneStep, null, null },                              // exactly the cap: the cap quote
        { "1900", "2000.01", IncrementRule.AtLeastOneStep, RejectionCodes.AboveCap, "1950" },
        { "1980", "2000", IncrementRule.AtLeastOneStep, null, null },                              // CAP-G2 (Taicang): 1,980 + 50 > 2,000, the last step is partial
        { "1980", "1990", IncrementRule.AtLeastOneStep, RejectionCodes.BidTooLow, "2000" },        // below the cap the step rule still holds
        { "1980", "2030", IncrementRule.AtLeastOneStep, RejectionCodes.AboveCap, "2000" },         // a full step would pass the cap
        { "1990", "2000", IncrementRule.IntegerMultiple, null, null },                             // partial step under integerMultiple too
        { "1900", "1975", IncrementRule.IntegerMultiple, RejectionCodes.BidNotStepMultiple, "1950" },
        { null, "2000", IncrementRule.AtLeastOneStep, null, null },                                // a first bid may be the cap quote
        { null, "2500", IncrementRule.AtLeastOneStep, RejectionCodes.AboveCap, "1000" },
    };

    [Theory]
    [MemberData(nameof(CapSteps))]
    public void CAP_G2_CAP_G4_no_bid_above_the_cap_and_the_last_step_may_be_partial(string? current, string amount, IncrementRule rule, string? code, string? minNextBid)
    {
        var rejection = PriceRules.Check(Dec(amount), current is null ? null : Dec(current), 1000m, 50m, rule, cap: 2000m);
        Assert.Equal(code, rejection?.Code);
        Assert.Equal(minNextBid is null ? null : Dec(minNextBid), rejection?.MinNextBid);
        if (code == RejectionCodes.AboveCap) Assert.Equal(2000m, rejection!.Cap);
    }

    [Theory]
    [InlineData("1900", "1950")]
    [InlineData("1980", "2000")]   // the next full step would pass the cap: the cap is the minimum
    [InlineData(null, "1000")]
    public void CAP_G4_the_minimum_next_bid_never_passes_the_cap(string? current, string expected) =>
        Assert.Equal(Dec(expected), PriceRules.MinNextBid(current is null ? null : Dec(current), 1000m, 50m, cap: 2000m));

    [Theory]
    [InlineData(GrantMethod.Listing)]
    [InlineData(GrantMethod.Auction)]
    public void CAP_G3_the_cap_quote_is_recorded_with_capReached_in_one_append_and_the_sale_is_capped(GrantMethod method)
    {
        var sale = Open(method == GrantMethod.Listing ? CappedListing(Lottery()) : CappedAuction(Lottery()));
        var at = Start.AddMinutes(10);

        var decision = sale.Bid("bidder-b", Cap, at);

        Assert.Equal(Cap, decision.Accepted!.Amount);
        var reached = Assert.IsType<CapReached>(Assert.Single(decision.FollowUps));
        Assert.Equal((CapMode.Lottery, "002", Cap), (reached.Mode, reached.BidderNo, reached.Amount));
        Assert.Equal(["bidAccepted", "capReached"], sale.Log.Entries.TakeLast(2).Select(e => e.Type));
        Assert.Equal(sale.Log.Entries[^2].At, sale.Log.Entries[^1].At);
        Assert.Equal((ListingStatus.Capped, (BidPhase?)null, (decimal?)null), (sale.State.Status, sale.State.CurrentPhase, Engine.MinNextBid(sale.State)));
        var view = ListingProjections.Snapshot(Id, sale.State, at, Engine.MinNextBid(sale.State));
        Assert.Equal((Cap, "002", CapMode.Lottery), (view.CurrentPrice!.Value, view.CapStage!.CapQuoteBidderNo, view.CapStage.Mode));
        AssertValid(sale.Verify());
    }

    [Fact]
    public void DOMAIN_11_4_9_the_partial_last_step_reaches_the_cap_Taicang_rule()
    {
        // Cap 15,000,000, increment 100,000, current 14,950,000: 14,950,000 + 100,000 > the cap, so the cap is the last step.
        var sale = Open(CappedListing(HousingArea()));
        sale.Bid("bidder-a", 14_950_000m, Start.AddMinutes(1));
        Assert.Equal(Cap, Engine.MinNextBid(sale.State));

        Assert.Equal(RejectionCodes.AboveCap, sale.TryBid("bidder-b", 15_050_000m, Start.AddMinutes(2)).Rejection?.Code);
        sale.Bid("bidder-b", Cap, Start.AddMinutes(3));

        Assert.Equal(ListingStatus.Capped, sale.State.Status);
        Assert.Equal(1000m, sale.State.Definition!.PriceCap!.HousingArea!.Start); // area bidding opens at its start
    }

    [Theory]
    [InlineData("14000000")]
    [InlineData("15000000")]
    [InlineData("15100000")]
    [InlineData("99999999")]
    public void CAP_G3_once_capped_every_price_bid_is_CAP_REACHED_whatever_its_amount(string amount)
    {
        var sale = Capped(CappedListing(Lottery()));
        var refused = Sale.Rejected(Engine.Bid(sale.State, new PlaceBid("bidder-c", Dec(amount), "c-late"), Start.AddHours(2)), RejectionCodes.CapReached);
        Assert.Equal(Cap, refused.Cap);
        Assert.Equal(2, sale.State.Bids.Count);
    }

    [Fact]
    public void CAP_G3_the_cap_quote_replays_by_its_request_id_after_the_cap()
    {
        var sale = Capped(CappedListing(Lottery()));
        var replay = Engine.Bid(sale.State, new PlaceBid("bidder-b", Cap, $"bidder-b-{Cap}"), Start.AddHours(2));
        Assert.Equal(Cap, replay.Replay?.Fact.Amount);
    }

    [Fact]
    public void CAP_G3_on_site_a_paddle_at_the_cap_caps_the_auction_then_paddles_and_the_hammer_are_refused()
    {
        var sale = Open(CappedAuction(HousingArea(), AuctionMode.OnSite));
        var at = Start.AddMinutes(5);
        var decision = Engine.FloorBid(sale.State, Owner, new FloorBid("001", Cap, "paddle-cap"), at);
        Assert.IsType<CapReached>(Assert.Single(decision.FollowUps));
        sale.Log.Record(at, decision.Events);

        Assert.Equal(RejectionCodes.CapReached, Engine.FloorBid(sale.State, Owner, new FloorBid("002", Cap, "paddle-2"), at.AddMinutes(1)).Rejection?.Code);
        Assert.NotNull(Engine.FloorBid(sale.State, Owner, new FloorBid("001", Cap, "paddle-cap"), at.AddMinutes(1)).Replay);
        Assert.Equal(RejectionCodes.CapReached, Engine.Hammer(sale.State, Owner, at.AddMinutes(2)).Rejection?.Code);
        Assert.Equal(RejectionCodes.InvalidTransition, Engine.ChangeIncrement(sale.State, Owner, 1m, "late", at.AddMinutes(2)).Rejection?.Code);
        AssertValid(sale.Verify());
    }

    public static TheoryData<string, GrantMethod, int, int> StageDeadlines => new()
    {
        // case, method, minutes after the start of the cap quote, expected deadline minutes after the start (listing deadline = 14 days)
        { "lottery capped early in a listing: the listing deadline", GrantMethod.Listing, 60, 14 * 24 * 60 },
        { "lottery capped in an auction: cap quote + confirmSeconds", GrantMethod.Auction, 3, 3 + 5 },
    };

    [Theory]
    [MemberData(nameof(StageDeadlines))]
    public void Pinned_the_stage_opens_at_the_cap_quote_and_never_ends_before_a_listings_biddingEndsAt(string @case, GrantMethod method, int capMinutes, int deadlineMinutes)
    {
        var command = method == GrantMethod.Listing ? CappedListing(Lottery()) : CappedAuction(Lottery());
        var sale = Capped(command, Start.AddMinutes(capMinutes));
        Assert.True(Start.AddMinutes(deadlineMinutes) == sale.State.Deadline, $"{@case}: {sale.State.Deadline:O}");
        Assert.Equal(sale.State.Deadline, sale.State.Cap!.Reached.Deadline);
    }

    [Fact]
    public void Pinned_a_listing_capped_in_timed_bidding_runs_its_stage_from_the_cap_quote()
    {
        var sale = Open(CappedListing(OneTime()));
        sale.Bid("bidder-a", StartingPrice, Start.AddHours(1));
        sale.Bid("bidder-b", StartingPrice + Increment, Start.AddHours(2));
        sale.CatchUp(End); // two bidders: Jiangsu timed bidding
        Assert.Equal(ListingStatus.TimedBidding, sale.State.Status);

        sale.Bid("bidder-c", Cap, End.AddSeconds(30));

        Assert.Equal(End.AddSeconds(30 + 300), sale.State.Deadline); // joinDeadline = cap quote + confirmSeconds (default 300)
        AssertValid(sale.Verify());
    }

    [Fact]
    public void A_listing_without_a_cap_is_unchanged_it_takes_any_bid_above_the_minimum()
    {
        var sale = Open(Publish());
        Assert.Null(sale.Bid("bidder-a", 99_000_000m, Start.AddMinutes(1)).FollowUps.FirstOrDefault());
        Assert.Equal(ListingStatus.Open, sale.State.Status);
    }
}
