using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Rules;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests;

/// <summary>The close decision and the conversion at the listing deadline: R-LST-07, DOMAIN §6.6 J1–J4 and F1–F9, R-IND-09b.</summary>
public sealed class ClosingRulesTests
{
    /// <summary>Listing deadline: 2026-04-06 15:00 China time.</summary>
    private static readonly DateTimeOffset Deadline = China("2026-04-06T15:00");

    private static ListingDefinition Definition(
        TimedBiddingTerms terms, decimal start = 1000m, decimal increment = 10m, FloorComputation? floor = null) =>
        new(
            ListingId: "L-1",
            CentreId: "centre-sz",
            Parcel: CommercialParcel(),
            Method: GrantMethod.Listing,
            AnnouncedAt: Deadline.AddDays(-40),
            BiddingStartsAt: Deadline.AddDays(-14),
            BiddingEndsAt: Deadline,
            ApplicationDeadline: Deadline.AddDays(-2),
            DepositDeadline: Deadline.AddDays(-2),
            StartingPrice: start,
            Increment: increment,
            IncrementRule: IncrementRule.AtLeastOneStep,
            Deposit: 200m,
            TimedBidding: terms,
            Floor: floor);

    private static TimedBiddingTerms Terms(string style) => style switch
    {
        "none" => TimedBiddingTerms.None,
        "jiangsu" => TimedBiddingTerms.JiangsuDefault,
        "fujian" => TimedBiddingTerms.FujianDefault,
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
    };

    /// <summary>A listing-phase bid <paramref name="minutesBeforeDeadline"/> minutes before the deadline.</summary>
    private static BidFact Bid(string bidderNo, decimal amount, double minutesBeforeDeadline, BidPhase phase = BidPhase.Listing) =>
        new(bidderNo, amount, Deadline.AddMinutes(-minutesBeforeDeadline), phase);

    private static CloseDecision Closed(DeadlineStep step) => Assert.IsType<DeadlineStep.Close>(step).Decision;

    private static void AssertSold(CloseDecision decision, string bidderNo, decimal price)
    {
        Assert.Equal(CloseOutcome.Sold, decision.Outcome);
        Assert.Null(decision.Reason);
        Assert.Equal(bidderNo, decision.WinnerBidderNo);
        Assert.Equal(price, decision.Price);
    }

    private static void AssertFailed(CloseDecision decision, FailureReason reason)
    {
        Assert.Equal(CloseOutcome.Failed, decision.Outcome);
        Assert.Equal(reason, decision.Reason);
        Assert.Null(decision.WinnerBidderNo);
        Assert.Null(decision.Price);
    }

    // ---- Decide ----------------------------------------------------------------------------------------------

    [Fact]
    public void R_LST_07_no_qualified_bidders_fails() =>
        AssertFailed(ClosingRules.Decide(0, [], reserve: null, floor: null), FailureReason.NoQualifiedBidders);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void R_LST_07_3_F9_J4_no_bids_fails(int qualified) =>
        AssertFailed(ClosingRules.Decide(qualified, [], reserve: null, floor: null), FailureReason.NoBids);

    // DOMAIN §11.4 scenario 1: start 1,000, reserve 1,100, only A quotes.
    [Theory]
    [InlineData("1000", false)]
    [InlineData("1099.99", false)]
    [InlineData("1100", true)]
    [InlineData("1200", true)]
    public void R_LST_07_1_J4_F8_single_bidder_sold_only_at_or_above_reserve(string amount, bool sold)
    {
        var decision = ClosingRules.Decide(1, [Bid("001", Dec(amount), 120)], reserve: 1100m, floor: null);
        if (sold) AssertSold(decision, "001", Dec(amount));
        else AssertFailed(decision, FailureReason.BelowReserve);
    }

    [Fact]
    public void R_LST_07_1_without_reserve_single_bidder_is_sold_at_the_quote() =>
        AssertSold(ClosingRules.Decide(1, [Bid("001", 1000m, 120)], reserve: null, floor: null), "001", 1000m);

    [Fact]
    public void R_LST_07_2_J2_F7_highest_bid_wins()
    {
        BidFact[] bids = [Bid("001", 1000m, 300), Bid("002", 1010m, 200), Bid("001", 1030m, 100), Bid("003", 1020m, 50)];
        AssertSold(ClosingRules.Decide(3, bids, reserve: 1000m, floor: null), "001", 1030m);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void R_LST_07_2_equal_amounts_earlier_quote_wins(bool laterListedFirst)
    {
        var earlier = Bid("002", 1010m, 200);
        var later = Bid("001", 1010m, 100);
        BidFact[] bids = laterListedFirst ? [Bid("003", 1000m, 300), later, earlier] : [Bid("003", 1000m, 300), earlier, later];

        AssertSold(ClosingRules.Decide(3, bids, reserve: null, floor: null), "002", 1010m);
        Assert.Same(earlier, ClosingRules.Highest(bids));
    }

    [Theory]
    [InlineData("1010.01", false)]
    [InlineData("1010", true)]
    public void R_LST_07_2_F8_highest_below_reserve_fails_even_with_several_bidders(string reserve, bool sold)
    {
        BidFact[] bids = [Bid("001", 1000m, 300), Bid("002", 1010m, 200)];
        var decision = ClosingRules.Decide(2, bids, reserve: Dec(reserve), floor: null);
        if (sold) AssertSold(decision, "002", 1010m);
        else AssertFailed(decision, FailureReason.BelowReserve);
    }

    // R-IND-03 / R-IND-09(b): the deal price must reach the industrial floor, checked independently of the reserve.
    [Theory]
    [InlineData("14399999.99", null, FailureReason.BelowFloor)]
    [InlineData("14000000", null, FailureReason.BelowFloor)]
    [InlineData("14000000", "14500000", FailureReason.BelowReserve)]
    public void R_IND_09_deal_below_the_industrial_floor_fails(string amount, string? reserve, FailureReason reason)
    {
        var floor = IndustrialFloor.Compute(7, IndustrialCategory.Normal, 50_000m);
        var decision = ClosingRules.Decide(1, [Bid("001", Dec(amount), 60)], reserve is null ? null : Dec(reserve), floor);
        AssertFailed(decision, reason);
    }

    [Fact]
    public void R_IND_09_deal_at_the_industrial_floor_is_sold()
    {
        var floor = IndustrialFloor.Compute(7, IndustrialCategory.Normal, 50_000m);
        AssertSold(ClosingRules.Decide(1, [Bid("001", 14_400_000m, 60)], reserve: null, floor), "001", 14_400_000m);
    }

    // ---- AtListingDeadline ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("none")]
    [InlineData("jiangsu")]
    [InlineData("fujian")]
    public void R_LST_07_3_F9_J4_no_bids_at_the_deadline_closes_failed(string style)
    {
        var step = ClosingRules.AtListingDeadline(Definition(Terms(style)), Deadline, 3, [], reserve: null);
        AssertFailed(Closed(step), FailureReason.NoBids);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("jiangsu")]
    [InlineData("fujian")]
    public void R_LST_07_no_qualified_bidders_at_the_deadline_closes_failed(string style)
    {
        var step = ClosingRules.AtListingDeadline(Definition(Terms(style)), Deadline, 0, [], reserve: null);
        AssertFailed(Closed(step), FailureReason.NoQualifiedBidders);
    }

    // DOMAIN §11.4 scenario 1, every style: start 1,000, reserve 1,100; only A quotes.
    [Theory]
    [InlineData("none", "1000", false)]
    [InlineData("jiangsu", "1000", false)]
    [InlineData("fujian", "1000", false)]
    [InlineData("none", "1100", true)]
    [InlineData("jiangsu", "1100", true)]
    [InlineData("fujian", "1100", true)]
    public void J4_F1_S11_4_scenario_1_single_bidder_closes_against_the_reserve(string style, string amount, bool sold)
    {
        var step = ClosingRules.AtListingDeadline(Definition(Terms(style)), Deadline, 2, [Bid("A", Dec(amount), 30)], reserve: 1100m);
        var decision = Closed(step);
        if (sold) AssertSold(decision, "A", Dec(amount));
        else AssertFailed(decision, FailureReason.BelowReserve);
    }

    [Fact]
    public void J1_J2_jiangsu_two_bidders_start_timed_bidding_from_the_highest_quote()
    {
        BidFact[] bids = [Bid("001", 1000m, 60 * 24 * 5), Bid("002", 1010m, 60 * 24 * 3), Bid("001", 1020m, 60 * 24 * 2)];

        var step = ClosingRules.AtListingDeadline(Definition(TimedBiddingTerms.JiangsuDefault), Deadline, 2, bids, reserve: null);

        var timed = Assert.IsType<DeadlineStep.StartTimed>(step);
        Assert.Equal(1020m, timed.StartPrice);              // J1: starting price = current highest quote
        Assert.Equal(Deadline.AddSeconds(240), timed.Deadline); // J2: 4-minute countdown from the deadline
    }

    [Fact]
    public void J1_jiangsu_timed_bidding_even_when_the_highest_is_below_the_reserve()
    {
        // J2: the reserve is judged when the countdown expires, not at conversion.
        BidFact[] bids = [Bid("001", 1000m, 600), Bid("002", 1010m, 300)];
        var step = ClosingRules.AtListingDeadline(Definition(TimedBiddingTerms.JiangsuDefault), Deadline, 2, bids, reserve: 5000m);
        Assert.Equal(1010m, Assert.IsType<DeadlineStep.StartTimed>(step).StartPrice);
    }

    [Fact]
    public void J4_jiangsu_one_bidder_with_two_bids_closes_to_that_bidder()
    {
        BidFact[] bids = [Bid("001", 1000m, 600), Bid("001", 1010m, 30)];
        var step = ClosingRules.AtListingDeadline(Definition(TimedBiddingTerms.JiangsuDefault), Deadline, 3, bids, reserve: null);
        AssertSold(Closed(step), "001", 1010m);
    }

    [Fact]
    public void F1_F3_fujian_two_bidders_in_the_last_hour_prepare_for_the_auction()
    {
        // DOMAIN §11.4 scenario 3: listing ends 15:00, A quotes 14:10, B quotes 14:30 → preparation until 15:15.
        BidFact[] bids = [Bid("A", 1000m, 50), Bid("B", 1010m, 30)];

        var step = ClosingRules.AtListingDeadline(Definition(TimedBiddingTerms.FujianDefault), Deadline, 2, bids, reserve: null);

        var prepare = Assert.IsType<DeadlineStep.Prepare>(step);
        Assert.Equal(China("2026-04-06T15:15"), prepare.Until);
        Assert.Equal(Deadline.AddSeconds(900), prepare.Until);
    }

    [Fact]
    public void F1_R_CONV_1_fujian_quote_exactly_one_hour_before_the_deadline_is_in_the_last_hour()
    {
        BidFact[] bids = [Bid("A", 1000m, 60), Bid("B", 1010m, 10)];
        var step = ClosingRules.AtListingDeadline(Definition(TimedBiddingTerms.FujianDefault), Deadline, 2, bids, reserve: null);
        Assert.IsType<DeadlineStep.Prepare>(step);
    }

    [Theory]
    [InlineData(61)]
    [InlineData(60 * 24 * 9)]
    public void F1_fujian_two_bidders_but_one_in_the_last_hour_closes_to_the_last_bidder(double minutesBeforeDeadlineOfA)
    {
        // DOMAIN §11.4 scenario 4: A quoted earlier, B quoted in the last hour (alone) → B wins at his quote.
        BidFact[] bids = [Bid("A", 1000m, minutesBeforeDeadlineOfA), Bid("B", 1010m, 40)];
        var step = ClosingRules.AtListingDeadline(Definition(TimedBiddingTerms.FujianDefault), Deadline, 2, bids, reserve: null);
        AssertSold(Closed(step), "B", 1010m);
    }

    [Fact]
    public void F1_F8_fujian_last_hour_single_bidder_below_reserve_fails()
    {
        BidFact[] bids = [Bid("A", 1000m, 600), Bid("B", 1010m, 40)];
        var step = ClosingRules.AtListingDeadline(Definition(TimedBiddingTerms.FujianDefault), Deadline, 2, bids, reserve: 1050m);
        AssertFailed(Closed(step), FailureReason.BelowReserve);
    }

    [Fact]
    public void F1_fujian_one_bidder_quoting_twice_in_the_last_hour_closes()
    {
        BidFact[] bids = [Bid("A", 1000m, 50), Bid("A", 1010m, 20)];
        var step = ClosingRules.AtListingDeadline(Definition(TimedBiddingTerms.FujianDefault), Deadline, 2, bids, reserve: null);
        AssertSold(Closed(step), "A", 1010m);
    }

    [Theory]
    [InlineData(null, "1020")]  // R-BID-04: timed increment defaults to the listing increment (10)
    [InlineData("50", "1060")]  // R-BID-04: a separate auction-stage increment
    public void F4_fujian_without_preparation_starts_the_auction_at_highest_plus_one_timed_increment(string? timedIncrement, string expectedStart)
    {
        var terms = TimedBiddingTerms.FujianDefault with { PreparationSeconds = 0, Increment = timedIncrement is null ? null : Dec(timedIncrement) };
        BidFact[] bids = [Bid("A", 1000m, 50), Bid("B", 1010m, 30)];

        var step = ClosingRules.AtListingDeadline(Definition(terms), Deadline, 2, bids, reserve: null);

        var timed = Assert.IsType<DeadlineStep.StartTimed>(step);
        Assert.Equal(Dec(expectedStart), timed.StartPrice);
        Assert.Equal(Deadline.AddSeconds(300), timed.Deadline);
    }

    [Fact]
    public void R_LST_07_2_plain_listing_with_several_bidders_closes_to_the_highest()
    {
        BidFact[] bids = [Bid("A", 1000m, 50), Bid("B", 1010m, 30)];
        var step = ClosingRules.AtListingDeadline(Definition(TimedBiddingTerms.None), Deadline, 2, bids, reserve: null);
        AssertSold(Closed(step), "B", 1010m);
    }

    [Fact]
    public void J1_F1_timed_phase_bids_do_not_count_as_listing_bidders()
    {
        BidFact[] bids = [Bid("A", 1000m, 50), Bid("B", 1010m, 30, BidPhase.Timed)];
        Assert.Equal(1, ClosingRules.DistinctBidders(bids, since: null));
        Assert.Equal(0, ClosingRules.DistinctBidders(bids, since: Deadline.AddMinutes(-40)));
    }

    [Theory]
    [InlineData(null, 900, "1020", "2026-04-06T15:20")]  // §11.4 scenario 3: preparation ends 15:15, countdown to 15:20
    [InlineData("50", 900, "1060", "2026-04-06T15:20")]
    [InlineData(null, 0, "1020", "2026-04-06T15:05")]
    public void F3_F4_after_preparation_auction_starts_at_highest_plus_timed_increment(string? timedIncrement, int preparationSeconds, string expectedStart, string expectedDeadline)
    {
        var terms = TimedBiddingTerms.FujianDefault with { Increment = timedIncrement is null ? null : Dec(timedIncrement) };
        var preparationEnd = Deadline.AddSeconds(preparationSeconds);

        var timed = ClosingRules.AfterPreparation(Definition(terms), preparationEnd, highest: 1010m);

        Assert.Equal(Dec(expectedStart), timed.StartPrice);
        Assert.Equal(China(expectedDeadline), timed.Deadline);
        Assert.Equal(preparationEnd.AddSeconds(300), timed.Deadline);
    }

    // DOMAIN §11.4 scenario 5 (J2) and scenario 3 variant (F7).
    [Theory]
    [InlineData("jiangsu", "10:03:10", "10:07:10")]
    [InlineData("jiangsu", "10:06:59", "10:10:59")]
    [InlineData("jiangsu", "10:00:00", "10:04:00")]
    [InlineData("fujian", "15:17:00", "15:22:00")]
    public void J2_F7_each_timed_bid_restarts_the_countdown_from_its_server_time(string style, string bidAt, string expected)
    {
        static DateTimeOffset At(string time) =>
            new(2026, 4, 6, int.Parse(time[..2], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(time[3..5], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(time[6..], System.Globalization.CultureInfo.InvariantCulture), Auction.Silo.Rules.Calendar.ChinaTime.Offset);

        var deadline = ClosingRules.TimedDeadlineAfterBid(Definition(Terms(style)), At(bidAt).AddMilliseconds(250));

        Assert.Equal(At(expected).AddMilliseconds(250), deadline);
    }
}
