using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;
using Auction.Silo.Methods;
using Auction.Silo.Rules;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.Auctions;

/// <summary>
/// The auction decider (拍卖, DOMAIN §5, API.md v2 "Auction") driven through the pure engine: publication, the start
/// (R-AUC-08), online bidding with a countdown each bid restarts (R-AUC-04/05), the on-site floor and hammer, the reserve
/// (R-AUC-06), increment changes (R-AUC-07), suspension, and the countdown-warning points.
/// </summary>
public sealed class AuctionRulesTests
{
    private static readonly ListingRuleSettings Settings = new();
    private static readonly ListingEngine Engine = new(Publication(Settings), Settings);
    private static readonly CentreActor Owner = new("grantor-1", "centre-sz");
    private const int Countdown = 60;

    private static AuctionTerms Online(int countdown = Countdown, int minBidders = 1) => new(AuctionMode.Online, countdown, minBidders);

    private static AuctionTerms OnSite(int minBidders = 1) => new(AuctionMode.OnSite, Countdown, minBidders);

    private static Sale Published(PublishListing command)
    {
        var sale = new Sale(Engine);
        var (events, rejection) = Engine.Publish(sale.State, "L-1", command, Now);
        Assert.True(rejection is null, $"{rejection?.Code}: {rejection?.Message}");
        return sale.Apply(Now, events);
    }

    /// <summary>Published with "bidder-a" (001) and "bidder-b" (002) qualified, then started at <see cref="TestListings.Start"/>.</summary>
    private static Sale Started(AuctionTerms? terms = null, decimal? reserve = null, IncrementRule rule = IncrementRule.AtLeastOneStep)
    {
        var sale = Published(PublishAuction(terms ?? Online(), reserve, rule))
            .Qualify("bidder-a", "app-a", BeforeAuctionDeadline).Qualify("bidder-b", "app-b", BeforeAuctionDeadline);
        Assert.IsType<BiddingOpened>(sale.CatchUp(Start));
        return sale;
    }

    private static Rejection Refused((ListingEvent? Event, Rejection? Rejection) decision, string code)
    {
        Assert.Null(decision.Event);
        Assert.Equal(code, decision.Rejection?.Code);
        return decision.Rejection!;
    }

    // ---- publication ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("biddingEndsAt given", "biddingEndsAt")]
    [InlineData("timed bidding", "timedBidding")]
    [InlineData("countdown 9 s", "auction.countdownSeconds")]
    [InlineData("countdown 3601 s", "auction.countdownSeconds")]
    [InlineData("minBidders 0", "auction.minBidders")]
    [InlineData("minBidders 1001", "auction.minBidders")]
    [InlineData("applications after the start", "applicationDeadline")]
    [InlineData("deposits after the start", "depositDeadline")]
    [InlineData("start in the past", "biddingStartsAt")]
    public void R_AUC_publication_refuses_a_bad_auction_block_under_its_field(string @case, string field)
    {
        var ok = PublishAuction();
        var command = @case switch
        {
            "biddingEndsAt given" => ok with { BiddingEndsAt = End },
            "timed bidding" => ok with { TimedBidding = TimedBiddingTerms.JiangsuDefault },
            "countdown 9 s" => ok with { Auction = Online(countdown: 9) },
            "countdown 3601 s" => ok with { Auction = Online(countdown: 3601) },
            "minBidders 0" => ok with { Auction = Online(minBidders: 0) },
            "minBidders 1001" => ok with { Auction = Online(minBidders: 1001) },
            "applications after the start" => ok with { ApplicationDeadline = Start.AddMinutes(1) },
            "deposits after the start" => ok with { DepositDeadline = Start.AddMinutes(1) },
            "start in the past" => ok with { AnnouncedAt = null, BiddingStartsAt = Now.AddMinutes(-1) },
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        var (_, rejection) = Engine.Publish(new Sale(Engine).State, "L-1", command, Now);

        Assert.Equal(RejectionCodes.ValidationFailed, rejection?.Code);
        Assert.True(rejection!.Errors!.ContainsKey(field), $"{@case}: expected '{field}', got [{string.Join(", ", rejection.Errors!.Keys)}]");
    }

    [Fact]
    public void R_AUC_publication_defaults_applications_and_deposits_to_two_days_before_the_start_and_echoes_the_block()
    {
        var sale = Published(PublishAuction(terms: null) with { Auction = null });

        var d = sale.State.Definition!;
        Assert.Equal((GrantMethod.Auction, (DateTimeOffset?)null), (d.Method, d.BiddingEndsAt));
        Assert.Equal(Start.AddDays(-2), d.ApplicationDeadline);
        Assert.Equal(Start.AddDays(-2), d.DepositDeadline);
        Assert.Equal(AuctionTerms.Default, d.Auction);
        Assert.Equal(TimedBiddingTerms.None, d.TimedBidding);
        var view = ListingProjections.Snapshot("L-1", sale.State, Now, Engine.MinNextBid(sale.State));
        Assert.Equal(AuctionTerms.Default, view.Auction);
        Assert.Null(view.BiddingEndsAt);
    }

    [Fact]
    public void R_COM_04_applies_to_auctions()
    {
        var (_, rejection) = Engine.Publish(new Sale(Engine).State, "L-1", PublishAuction(startsAt: Now.AddDays(19)), Now);
        Assert.Equal(RejectionCodes.AnnouncementTooShort, rejection?.Code);
    }

    [Fact]
    public void R_LST_01_does_not_apply_to_auctions_an_auction_may_start_on_a_national_holiday()
    {
        // 2026-10-01 is National Day: a listing period there would have no working day, an auction needs none.
        var holiday = China("2026-10-01T10:00");
        var sale = new Sale(Engine);
        var (events, rejection) = Engine.Publish(sale.State, "L-1", PublishAuction(startsAt: holiday) with { AnnouncedAt = holiday.AddDays(-25) }, holiday.AddDays(-25));
        Assert.Null(rejection);
        Assert.NotEmpty(events);
    }

    [Fact]
    public void R_COM_08_an_auctions_reserve_is_sealed_before_it_starts()
    {
        var sale = Published(PublishAuction()).Qualify("bidder-a", "app-a", BeforeAuctionDeadline);
        var dueBy = Start.AddMinutes(-Settings.ReserveDeadlineMinutes);

        Refused(Engine.SealReserve(sale.State, Owner, 15_000_000m, dueBy.AddSeconds(1)), RejectionCodes.ReserveTooLate);
        sale.Accept<ReserveSealed>(Engine.SealReserve(sale.State, Owner, 15_000_000m, dueBy), dueBy);
        Assert.True(sale.State.HasReserve);
    }

    // ---- the start (R-AUC-08) ------------------------------------------------------------------------------------

    [Theory]
    [InlineData(1, 0, false)]
    [InlineData(2, 1, false)]
    [InlineData(3, 2, false)]
    [InlineData(1, 1, true)]
    [InlineData(2, 2, true)]
    [InlineData(2, 3, true)]
    public void R_AUC_08_fewer_qualified_bidders_than_minBidders_at_the_start_fail_the_auction(int minBidders, int qualified, bool opens)
    {
        var sale = Published(PublishAuction(Online(minBidders: minBidders)));
        for (var i = 0; i < qualified; i++) sale.Qualify($"bidder-{i}", $"app-{i}", BeforeAuctionDeadline);

        var due = sale.CatchUp(Start.AddSeconds(5)); // a late timer: effective at the start

        if (opens)
        {
            var opened = Assert.IsType<BiddingOpened>(due);
            Assert.Equal((Start, Start.AddSeconds(Countdown), BidPhase.Auction), (opened.OpenedAt, opened.Deadline, opened.Phase));
            Assert.Equal(ListingStatus.Open, sale.State.Status);
        }
        else
        {
            var closed = Assert.IsType<ListingClosed>(due);
            Assert.Equal((CloseOutcome.Failed, FailureReason.TooFewBidders, Start), (closed.Outcome, closed.Reason, closed.ClosedAt));
            Assert.Equal(ListingStatus.Failed, sale.State.Status);
        }
    }

    [Fact]
    public void R_AUC_on_site_opens_without_a_deadline_the_hammer_ends_it()
    {
        var sale = Started(OnSite());
        Assert.Null(sale.State.Deadline);
        Assert.Null(Engine.DueTransition(sale.State, Start.AddDays(30)));
        Assert.Equal(StartingPrice, Engine.MinNextBid(sale.State));
    }

    // ---- online bidding ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(IncrementRule.AtLeastOneStep, "14500000", null)]                       // R-AUC-04: the first bid at the starting price (应价)
    [InlineData(IncrementRule.AtLeastOneStep, "14499999.99", RejectionCodes.BidTooLow)]
    [InlineData(IncrementRule.AtLeastOneStep, "14550000", null)]
    [InlineData(IncrementRule.IntegerMultiple, "14550000", RejectionCodes.BidNotStepMultiple)]
    [InlineData(IncrementRule.IntegerMultiple, "14600000", null)]
    public void R_AUC_04_R_BID_02_03_the_first_bid_obeys_the_listing_rules(IncrementRule rule, string amount, string? code)
    {
        var sale = Started(rule: rule);
        var decision = Engine.Bid(sale.State, new PlaceBid("bidder-a", Dec(amount), "a-1"), Start.AddSeconds(1));
        Assert.Equal(code, decision.Rejection?.Code);
        if (code is null) Assert.Equal(BidPhase.Auction, decision.Accepted!.Phase);
    }

    [Theory]
    [InlineData("14599999", RejectionCodes.BidTooLow)]
    [InlineData("14600000", null)]
    [InlineData("14500000", RejectionCodes.BidTooLow)]
    public void R_AUC_04_R_BID_03_a_later_bid_rises_by_at_least_one_increment(string amount, string? code)
    {
        var sale = Started();
        sale.Bid("bidder-a", StartingPrice, Start.AddSeconds(1));
        Assert.Equal(code, Engine.Bid(sale.State, new PlaceBid("bidder-b", Dec(amount), "b-1"), Start.AddSeconds(2)).Rejection?.Code);
    }

    [Fact]
    public void R_AUC_05_every_accepted_bid_restarts_the_countdown_from_its_own_server_time()
    {
        var sale = Started();
        var first = sale.Bid("bidder-a", StartingPrice, Start.AddSeconds(50));
        Assert.Equal(Start.AddSeconds(50 + Countdown), first.Deadline);
        var second = sale.Bid("bidder-b", StartingPrice + Increment, Start.AddSeconds(50 + Countdown - 1));
        Assert.Equal(Start.AddSeconds(50 + Countdown - 1 + Countdown), second.Deadline);
        Assert.Equal(second.Deadline, sale.State.Deadline);
        Assert.Equal(second.Deadline, Engine.CountdownDeadline(sale.State));
    }

    [Fact]
    public void R_AUC_05_R_CONV_3_a_bid_at_the_deadline_is_refused_whether_or_not_a_timer_fired()
    {
        var sale = Started();
        var bid = sale.Bid("bidder-a", StartingPrice, Start.AddSeconds(10));
        var refused = Sale.Rejected(Engine.Bid(sale.State, new PlaceBid("bidder-b", StartingPrice + Increment, "b-1"), bid.Deadline!.Value), RejectionCodes.BiddingClosed);
        Assert.Equal(bid.Deadline, refused.ServerTime);
    }

    public static TheoryData<string, string?, decimal?> Expiries => new()
    {
        // case, reserve, expected price (null: failed)
        { "no bid", null, null },
        { "sold to the highest", null, 14_700_000m },
        { "below the reserve", "14800000", null },
        { "at the reserve", "14700000", 14_700_000m },
    };

    [Theory]
    [MemberData(nameof(Expiries))]
    public void R_AUC_05_R_AUC_06_when_the_countdown_runs_out_the_highest_wins_unless_there_is_none_or_it_is_below_the_reserve(string @case, string? reserve, decimal? price)
    {
        var sale = Started(reserve: reserve is null ? null : Dec(reserve));
        var deadline = Start.AddSeconds(Countdown);
        if (@case != "no bid")
        {
            sale.Bid("bidder-a", StartingPrice, Start.AddSeconds(5));
            deadline = sale.Bid("bidder-b", 14_700_000m, Start.AddSeconds(20)).Deadline!.Value;
        }
        Assert.Null(Engine.DueTransition(sale.State, deadline.AddMilliseconds(-1)));

        var closed = Assert.IsType<ListingClosed>(sale.CatchUp(deadline.AddMinutes(3))); // a late timer changes nothing

        Assert.Equal(deadline, closed.ClosedAt);
        Assert.Equal(price, closed.Price);
        Assert.Equal(price is null ? CloseOutcome.Failed : CloseOutcome.Sold, closed.Outcome);
        Assert.Equal(@case switch { "no bid" => FailureReason.NoBids, "below the reserve" => FailureReason.BelowReserve, _ => (FailureReason?)null }, closed.Reason);
        Assert.Equal(price is null ? null : DealMethod.PriceOnly, closed.DealMethod);
        if (price is not null) Assert.Equal("002", closed.WinnerBidderNo);
    }

    [Fact]
    public void R_BID_06_only_qualified_bidders_bid_online() =>
        Sale.Rejected(Engine.Bid(Started().State, new PlaceBid("stranger", StartingPrice, "s-1"), Start.AddSeconds(1)), RejectionCodes.NotQualified);

    [Fact]
    public void R_BID_08_a_repeated_request_replays_the_first_bid()
    {
        var sale = Started();
        sale.Bid("bidder-a", StartingPrice, Start.AddSeconds(1), "a-1");
        var replay = Engine.Bid(sale.State, new PlaceBid("bidder-a", StartingPrice, "a-1"), Start.AddSeconds(2));
        Assert.NotNull(replay.Replay);
        Assert.Null(replay.Accepted);
    }

    // ---- on site -------------------------------------------------------------------------------------------------

    [Fact]
    public void R_AUC_on_site_bidders_cannot_bid_online() =>
        Sale.Rejected(Engine.Bid(Started(OnSite()).State, new PlaceBid("bidder-a", StartingPrice, "a-1"), Start.AddSeconds(1)), RejectionCodes.WrongChannel);

    [Theory]
    [InlineData("001", "14500000", null)]
    [InlineData("003", "14500000", RejectionCodes.UnknownBidderNo)]
    [InlineData("1", "14500000", RejectionCodes.UnknownBidderNo)]
    [InlineData("A01", "14500000", RejectionCodes.ValidationFailed)]
    [InlineData("", "14500000", RejectionCodes.ValidationFailed)]
    [InlineData("001", "-1", RejectionCodes.ValidationFailed)]
    [InlineData("001", "14500000.001", RejectionCodes.ValidationFailed)]
    [InlineData("001", "14400000", RejectionCodes.BidTooLow)]
    public void R_AUC_04_a_floor_bid_names_a_qualified_bidder_number_and_obeys_the_ordering_rules(string bidderNo, string amount, string? code)
    {
        var sale = Started(OnSite());
        var decision = Engine.FloorBid(sale.State, Owner, new FloorBid(bidderNo, Dec(amount), "f-1"), Start.AddMinutes(1));
        Assert.Equal(code, decision.Rejection?.Code);
        if (code is not null) return;
        Assert.Equal((BidChannel.Floor, "bidder-a", Owner.UserId, (DateTimeOffset?)null), (decision.Accepted!.Channel, decision.Accepted.BidderId, decision.Accepted.RecordedBy, decision.Accepted.Deadline));
    }

    [Fact]
    public void R_BID_08_a_floor_bid_replays_by_the_auctioneers_request_id_and_refuses_another_body()
    {
        var sale = Started(OnSite());
        var first = Engine.FloorBid(sale.State, Owner, new FloorBid("001", StartingPrice, "f-1"), Start.AddMinutes(1));
        sale.Apply(Start.AddMinutes(1), first.Accepted!);

        Assert.NotNull(Engine.FloorBid(sale.State, Owner, new FloorBid("001", StartingPrice, "f-1"), Start.AddMinutes(2)).Replay);
        Sale.Rejected(Engine.FloorBid(sale.State, Owner, new FloorBid("002", StartingPrice + Increment, "f-1"), Start.AddMinutes(2)), RejectionCodes.IdempotencyMismatch);
        Assert.Single(sale.State.Bids);
    }

    [Theory]
    [InlineData(null, "001", "14600000")]
    [InlineData("14700000", null, null)]
    public void R_AUC_05_R_AUC_06_the_hammer_sells_to_the_highest_floor_bid_unless_below_the_reserve(string? reserve, string? winner, string? price)
    {
        var sale = Started(OnSite(), reserve: reserve is null ? null : Dec(reserve));
        sale.Apply(Start.AddMinutes(1), Engine.FloorBid(sale.State, Owner, new FloorBid("002", StartingPrice, "f-1"), Start.AddMinutes(1)).Accepted!);
        sale.Apply(Start.AddMinutes(2), Engine.FloorBid(sale.State, Owner, new FloorBid("001", 14_600_000m, "f-2"), Start.AddMinutes(2)).Accepted!);

        var (closed, rejection) = Engine.Hammer(sale.State, Owner, Start.AddMinutes(5));

        Assert.Null(rejection);
        Assert.Equal((winner, price is null ? null : Dec(price), Start.AddMinutes(5)), (closed!.WinnerBidderNo, closed.Price, closed.ClosedAt));
        Assert.Equal(winner is null ? FailureReason.BelowReserve : null, closed.Reason);
        Assert.Equal(winner is null ? null : DealMethod.OnSiteAuction, closed.DealMethod);
    }

    [Fact]
    public void R_AUC_05_the_hammer_before_any_bid_fails_the_auction_for_lack_of_bids()
    {
        var (closed, rejection) = Engine.Hammer(Started(OnSite()).State, Owner, Start.AddMinutes(5));
        Assert.Null(rejection);
        Assert.Equal((CloseOutcome.Failed, FailureReason.NoBids), (closed!.Outcome, closed.Reason));
    }

    public static TheoryData<string, string> HammerAndFloorRefusals => new()
    {
        { "hammer twice", RejectionCodes.InvalidTransition },
        { "hammer before the start", RejectionCodes.ListingNotOpen },
        { "hammer while suspended", RejectionCodes.ListingSuspended },
        { "hammer on an online auction", RejectionCodes.WrongChannel },
        { "hammer on a listing", RejectionCodes.WrongChannel },
        { "hammer by another centre", RejectionCodes.NotListingOwner },
        { "floor bid on an online auction", RejectionCodes.WrongChannel },
        { "floor bid on a listing", RejectionCodes.WrongChannel },
        { "floor bid after the hammer", RejectionCodes.BiddingClosed },
        { "floor bid before the start", RejectionCodes.ListingNotOpen },
        { "floor bid by another centre", RejectionCodes.NotListingOwner },
    };

    [Theory]
    [MemberData(nameof(HammerAndFloorRefusals))]
    public void R_AUC_the_hammer_and_floor_bids_are_refused_where_they_do_not_belong(string @case, string code)
    {
        var stranger = new CentreActor("officer-x", "centre-other");
        var at = Start.AddMinutes(1);
        var sale = @case switch
        {
            "hammer before the start" or "floor bid before the start" => Published(PublishAuction(OnSite())).Qualify("bidder-a", "app-a", BeforeAuctionDeadline),
            "hammer on an online auction" or "floor bid on an online auction" => Started(Online()),
            "hammer on a listing" or "floor bid on a listing" => Published(Publish()),
            _ => Started(OnSite()),
        };
        if (@case is "hammer before the start" or "floor bid before the start") at = Start.AddMinutes(-1);
        if (@case is "hammer twice" or "floor bid after the hammer") sale.Apply(at, Engine.Hammer(sale.State, Owner, at).Closed!);
        if (@case == "hammer while suspended") sale.Apply(at, new ListingSuspended("power failure", "grantor-1"));

        var rejection = @case.StartsWith("hammer", StringComparison.Ordinal)
            ? Engine.Hammer(sale.State, @case.EndsWith("another centre", StringComparison.Ordinal) ? stranger : Owner, at).Rejection
            : Engine.FloorBid(sale.State, @case.EndsWith("another centre", StringComparison.Ordinal) ? stranger : Owner, new FloorBid("001", StartingPrice, "f-9"), at).Rejection;

        Assert.Equal(code, rejection?.Code);
    }

    // ---- increment changes (R-AUC-07) ---------------------------------------------------------------------------

    [Fact]
    public void R_AUC_07_the_centre_changes_the_increment_during_the_auction_and_the_next_bid_obeys_it()
    {
        var sale = Started();
        sale.Bid("bidder-a", StartingPrice, Start.AddSeconds(5));
        var changed = sale.Accept<IncrementChanged>(Engine.ChangeIncrement(sale.State, Owner, 50_000m, "bidding slows down", Start.AddSeconds(6)), Start.AddSeconds(6));

        Assert.Equal((50_000m, "bidding slows down", "grantor-1"), (changed.Increment, changed.Reason, changed.ChangedBy));
        Assert.Equal(StartingPrice + 50_000m, Engine.MinNextBid(sale.State));
        Assert.Null(Engine.Bid(sale.State, new PlaceBid("bidder-b", StartingPrice + 50_000m, "b-1"), Start.AddSeconds(7)).Rejection);
        Sale.Rejected(Engine.Bid(sale.State, new PlaceBid("bidder-b", StartingPrice + 49_999m, "b-2"), Start.AddSeconds(7)), RejectionCodes.BidTooLow);
    }

    [Fact]
    public void R_LST_04_a_listings_increment_changes_too_and_lasts_until_its_stage_ends()
    {
        var sale = Published(Publish()).Qualify("bidder-a", "app-a").Qualify("bidder-b", "app-b");
        sale.CatchUp(Start);
        sale.Bid("bidder-a", StartingPrice, Start.AddHours(1));
        sale.Accept<IncrementChanged>(Engine.ChangeIncrement(sale.State, Owner, 200_000m, "heavy demand", Start.AddHours(2)), Start.AddHours(2));
        Assert.Equal(StartingPrice + 200_000m, Engine.MinNextBid(sale.State));
        sale.Bid("bidder-b", StartingPrice + 200_000m, Start.AddHours(3));

        sale.CatchUp(End); // Jiangsu: timed bidding with the timed increment (R-BID-04)
        Assert.Equal(ListingStage.Timed, sale.State.Stage);
        Assert.Equal(StartingPrice + 200_000m + Increment, Engine.MinNextBid(sale.State));
    }

    [Theory]
    [InlineData("0", "slow", RejectionCodes.ValidationFailed)]
    [InlineData("-100", "slow", RejectionCodes.ValidationFailed)]
    [InlineData("0.001", "slow", RejectionCodes.ValidationFailed)]
    [InlineData("100", " ", RejectionCodes.ValidationFailed)]
    public void R_AUC_07_an_increment_change_needs_a_positive_amount_in_fen_and_a_reason(string increment, string reason, string code) =>
        Refused(Engine.ChangeIncrement(Started().State, Owner, Dec(increment), reason, Start.AddSeconds(1)), code);

    [Fact]
    public void R_AUC_07_the_increment_changes_only_while_bidding_is_open()
    {
        var announced = Published(PublishAuction());
        Refused(Engine.ChangeIncrement(announced.State, Owner, 1m, "early", Start.AddMinutes(-1)), RejectionCodes.InvalidTransition);
        var ended = Started(OnSite());
        ended.Apply(Start.AddMinutes(1), Engine.Hammer(ended.State, Owner, Start.AddMinutes(1)).Closed!);
        Refused(Engine.ChangeIncrement(ended.State, Owner, 1m, "late", Start.AddMinutes(2)), RejectionCodes.InvalidTransition);
        Refused(Engine.ChangeIncrement(Started().State, new CentreActor("x", "centre-other"), 1m, "not mine", Start.AddSeconds(1)), RejectionCodes.NotListingOwner);
    }

    // ---- suspension (R-FRZ-01/03) -------------------------------------------------------------------------------

    [Fact]
    public void R_FRZ_03_an_online_auction_resumes_with_a_full_countdown()
    {
        var sale = Started();
        sale.Bid("bidder-a", StartingPrice, Start.AddSeconds(5));
        sale.Accept<ListingSuspended>(Engine.Suspend(sale.State, Owner, "network failure"), Start.AddSeconds(30));
        Sale.Rejected(Engine.Bid(sale.State, new PlaceBid("bidder-b", StartingPrice + Increment, "b-1"), Start.AddSeconds(31)), RejectionCodes.ListingSuspended);
        Assert.Null(Engine.DueTransition(sale.State, Start.AddHours(1)));
        Assert.Null(Engine.CountdownDeadline(sale.State));

        var resumedAt = Start.AddHours(2);
        var resumed = sale.Accept<ListingResumed>(Engine.Resume(sale.State, Owner, resumedAt), resumedAt);

        Assert.Equal((ListingStage.Open, resumedAt.AddSeconds(Countdown)), (resumed.Stage, resumed.Deadline));
    }

    [Fact]
    public void R_FRZ_03_an_auction_suspended_across_its_start_opens_when_it_resumes()
    {
        var sale = Published(PublishAuction()).Qualify("bidder-a", "app-a", BeforeAuctionDeadline);
        sale.Accept<ListingSuspended>(Engine.Suspend(sale.State, Owner, "court order"), Start.AddHours(-1));
        var resumedAt = Start.AddHours(3);
        sale.Accept<ListingResumed>(Engine.Resume(sale.State, Owner, resumedAt), resumedAt);

        var opened = Assert.IsType<BiddingOpened>(sale.CatchUp(resumedAt));

        Assert.Equal((resumedAt, resumedAt.AddSeconds(Countdown)), (opened.OpenedAt, opened.Deadline));
    }

    // ---- countdown warnings (DOMAIN J2, F7; API.md v2 CountdownWarning) ----------------------------------------

    [Theory]
    [InlineData(240, 60)]   // a fresh 4-minute countdown: the first warning is at 60 s
    [InlineData(61, 60)]
    [InlineData(60, 30)]    // a point reached at the start of the countdown is skipped
    [InlineData(45, 30)]
    [InlineData(30, 10)]
    [InlineData(11, 10)]
    [InlineData(10, null)]
    [InlineData(3, null)]
    public void J2_the_next_warning_is_the_earliest_configured_point_still_ahead(int remainingSeconds, int? next) =>
        Assert.Equal(next, CountdownWarnings.NextPoint(Start.AddSeconds(remainingSeconds), Start, [60, 30, 10]));
}
