using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;
using static Auction.Rules.Tests.Caps.CapSale;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.Caps;

/// <summary>
/// Mode A, build-and-hand-over area (竞配建, DOMAIN §7.3 A; API.md v2 <c>area-bids</c>): once capped, area bids ordered like
/// price bids (first ≥ start, later ≥ current + step, whole steps under integerMultiple), a countdown each restarts that
/// never ends before a listing's <c>biddingEndsAt</c>; the largest area wins at the cap, or the cap quote's bidder when
/// nobody bid an area.
/// </summary>
public sealed class HousingAreaRulesTests
{
    /// <summary>An auction capped 3 minutes in by bidder-b (002): the area countdown (240 s) runs from the cap quote.</summary>
    private static CapSale CappedAuction(IncrementRule rule = IncrementRule.AtLeastOneStep, decimal start = 500m) =>
        Capped(CapSale.CappedAuction(HousingArea(start: start)) with { IncrementRule = rule }, Start.AddMinutes(3));

    [Fact]
    public void DOMAIN_11_4_10_Xiamen_area_bids_rise_by_at_least_500_m2()
    {
        var sale = CappedAuction();
        var at = Start.AddMinutes(4);

        Assert.Null(sale.AreaBid("bidder-a", 500m, at).Rejection);
        Assert.Null(sale.AreaBid("bidder-c", 1000m, at.AddSeconds(10)).Rejection);
        var refused = sale.AreaBid("bidder-a", 1400m, at.AddSeconds(20)).Rejection;

        Assert.Equal((RejectionCodes.BidTooLow, 1500m), (refused?.Code, refused?.MinNextBid));
        Assert.Contains("m²", refused!.Message);
    }

    [Theory]
    [InlineData(IncrementRule.AtLeastOneStep, null, "499", RejectionCodes.BidTooLow)]
    [InlineData(IncrementRule.AtLeastOneStep, null, "777", null)]
    [InlineData(IncrementRule.IntegerMultiple, null, "777", RejectionCodes.BidNotStepMultiple)]
    [InlineData(IncrementRule.IntegerMultiple, null, "1500", null)]        // start + 2 steps
    [InlineData(IncrementRule.IntegerMultiple, "1000", "1500", null)]
    [InlineData(IncrementRule.IntegerMultiple, "1000", "1700", RejectionCodes.BidNotStepMultiple)]
    [InlineData(IncrementRule.AtLeastOneStep, "1000", "1499.99", RejectionCodes.BidTooLow)]
    [InlineData(IncrementRule.AtLeastOneStep, null, "0", RejectionCodes.ValidationFailed)]
    [InlineData(IncrementRule.AtLeastOneStep, null, "700.001", RejectionCodes.ValidationFailed)]
    public void R_BID_02_03_area_bids_follow_the_ordering_rules_of_price_bids_in_m2(IncrementRule rule, string? current, string area, string? code)
    {
        var sale = CappedAuction(rule);
        if (current is not null) Assert.Null(sale.AreaBid("bidder-a", Dec(current), Start.AddMinutes(4)).Rejection);
        Assert.Equal(code, sale.AreaBid("bidder-c", Dec(area), Start.AddMinutes(5)).Rejection?.Code);
    }

    [Fact]
    public void Each_area_bid_restarts_the_countdown_from_its_own_server_time()
    {
        var sale = CappedAuction();
        Assert.Equal(Start.AddMinutes(3).AddSeconds(240), sale.State.Deadline); // from the cap quote

        var bid = sale.AreaBid("bidder-a", 500m, Start.AddMinutes(5));

        var accepted = Assert.IsType<AreaBidAccepted>(bid.Accepted);
        Assert.Equal(Start.AddMinutes(5).AddSeconds(240), accepted.Deadline);
        Assert.Equal(accepted.Deadline, Engine.CountdownDeadline(sale.State)); // the hub warns about it
    }

    [Fact]
    public void Pinned_in_a_listing_the_area_deadline_is_never_before_biddingEndsAt()
    {
        var sale = Capped(CappedListing(HousingArea()), Start.AddHours(1));
        Assert.Equal(End, sale.State.Deadline);
        Assert.Equal(End, Assert.IsType<AreaBidAccepted>(sale.AreaBid("bidder-a", 1000m, Start.AddHours(2)).Accepted).Deadline);
        Assert.Equal(End.AddSeconds(180), Assert.IsType<AreaBidAccepted>(sale.AreaBid("bidder-c", 1500m, End.AddSeconds(-60)).Accepted).Deadline);
    }

    [Fact]
    public void DOMAIN_7_3_A_the_largest_area_wins_at_the_cap_price()
    {
        var sale = CappedAuction();
        sale.AreaBid("bidder-a", 500m, Start.AddMinutes(4));
        var last = Assert.IsType<AreaBidAccepted>(sale.AreaBid("bidder-c", 2000m, Start.AddMinutes(5)).Accepted);

        Assert.Null(Engine.DueTransition(sale.State, last.Deadline.AddMilliseconds(-1)));
        sale.CatchUp(last.Deadline.AddMinutes(7)); // a late timer changes nothing

        var closed = sale.State.Closing!;
        Assert.Equal((CloseOutcome.Sold, "003", Cap, 2000m, DealMethod.CapThenArea, last.Deadline),
            (closed.Outcome, closed.WinnerBidderNo, closed.Price!.Value, closed.AreaM2!.Value, closed.DealMethod!.Value, closed.ClosedAt));
        Assert.Equal(2000m, ListingProjections.Result(sale.State)!.AreaM2);
        AssertValid(sale.Verify());
    }

    [Fact]
    public void Pinned_no_area_bid_the_cap_quotes_bidder_wins_at_the_cap_and_the_deal_method_is_still_capThenArea()
    {
        var sale = CappedAuction();
        sale.CatchUp(Start.AddHours(1));
        var closed = sale.State.Closing!;
        Assert.Equal(("002", Cap, (decimal?)null, DealMethod.CapThenArea), (closed.WinnerBidderNo, closed.Price!.Value, closed.AreaM2, closed.DealMethod!.Value));
        AssertValid(sale.Verify());
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "before the cap", RejectionCodes.CapNotReached },
        { "on a lottery", RejectionCodes.WrongCapMode },
        { "without a cap", RejectionCodes.WrongCapMode },
        { "unqualified", RejectionCodes.NotQualified },
        { "at the deadline", RejectionCodes.BiddingClosed },
        { "suspended", RejectionCodes.ListingSuspended },
        { "after the close", RejectionCodes.BiddingClosed },
        { "request id reused for another area", RejectionCodes.IdempotencyMismatch },
        { "empty request id", RejectionCodes.ValidationFailed },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void An_area_bid_is_refused_where_it_does_not_belong(string @case, string code)
    {
        var sale = @case switch
        {
            "before the cap" => Open(CapSale.CappedAuction(HousingArea())),
            "on a lottery" => Capped(CapSale.CappedAuction(Lottery())),
            "without a cap" => Open(Publish()),
            _ => CappedAuction(),
        };
        var at = Start.AddMinutes(4);
        var bidder = @case == "unqualified" ? "stranger" : "bidder-a";
        var requestId = @case == "empty request id" ? "" : "area-1";
        if (@case == "at the deadline") at = sale.State.Deadline!.Value;
        if (@case == "suspended") sale.Log.Record(at, Engine.Suspend(sale.State, Owner, "power failure").Event);
        if (@case == "after the close") sale.CatchUp(at = Start.AddHours(1));
        if (@case == "request id reused for another area") Assert.Null(sale.AreaBid(bidder, 600m, at, requestId).Rejection);

        Assert.Equal(code, sale.AreaBid(bidder, 700m, at, requestId).Rejection?.Code);
    }

    [Fact]
    public void R_BID_08_an_area_bid_replays_by_its_request_id()
    {
        var sale = CappedAuction();
        var first = sale.AreaBid("bidder-a", 600m, Start.AddMinutes(4), "area-1");
        var replay = sale.AreaBid("bidder-a", 600m, Start.AddMinutes(5), "area-1");
        Assert.NotNull(first.Accepted);
        Assert.Equal(600m, replay.Replay?.AreaM2);
        Assert.Single(sale.State.Cap!.AreaBids);
    }

    [Fact]
    public void R_FRZ_03_a_suspension_during_area_bidding_extends_its_deadline_by_the_suspended_time()
    {
        var sale = CappedAuction();
        var deadline = sale.State.Deadline!.Value;
        sale.Log.Record(Start.AddMinutes(4), Engine.Suspend(sale.State, Owner, "network failure").Event);
        Assert.Null(Engine.DueTransition(sale.State, deadline.AddHours(1)));
        Assert.Null(Engine.CountdownDeadline(sale.State));

        var resumed = Assert.IsType<ListingResumed>(Engine.Resume(sale.State, Owner, Start.AddMinutes(34)).Event);

        Assert.Equal((ListingStage.Capped, deadline.AddMinutes(30)), (resumed.Stage, resumed.Deadline!.Value));
        sale.Log.Record(Start.AddMinutes(34), resumed);
        Assert.Equal(ListingStatus.Capped, sale.State.Status);
        AssertValid(sale.Verify());
    }
}
