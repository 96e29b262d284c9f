using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Methods;
using Auction.Silo.Rules;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests;

/// <summary>
/// The listing decider driven purely (no Orleans): events are folded into <see cref="ListingState"/> exactly as the grain
/// does after the journal confirms them. R-BID-01…08, R-COM-07/08, R-IND-09a, R-FRZ-01/03, R-DEP-02, §6.6.
/// </summary>
public sealed class ListingEngineTests
{
    private static readonly ListingRuleSettings Settings = new();
    private static readonly ListingEngine Engine = new(Publication(Settings), Settings);
    private static readonly CentreActor Owner = new("grantor-1", "centre-sz");

    private static QualifyBidder QualifyCommand(string bidderId, string applicationId, decimal? paid = null, DateTimeOffset? completedAt = null) =>
        Sale.QualifyCommand(bidderId, applicationId, paid, completedAt);

    private static Sale Published(PublishListing? command = null)
    {
        var listing = new Sale(Engine);
        var (events, rejection) = Engine.Publish(listing.State, "L-1", command ?? Publish(), Now);
        Assert.Null(rejection);
        Assert.NotEmpty(events);
        return listing.Apply(Now, events);
    }

    /// <summary>Published, bidders "bidder-a" (001) and "bidder-b" (002) qualified, bidding open.</summary>
    private static Sale Open(PublishListing? command = null)
    {
        var listing = Published(command).Qualify("bidder-a", "app-a").Qualify("bidder-b", "app-b");
        Assert.IsType<BiddingOpened>(listing.CatchUp(Start));
        Assert.Equal(ListingStage.Open, listing.State.Stage);
        return listing;
    }

    private static Rejection Rejected(BidDecision decision, string code) => Sale.Rejected(decision, code);

    // ---- due transitions ------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5 * 60 * 1000)]
    [InlineData(3 * 24 * 3600 * 1000)]
    public void R_CONV_3_bidding_opens_at_its_start_even_when_the_timer_is_late(int lateMs)
    {
        var listing = Published();

        var due = listing.CatchUp(Start.AddMilliseconds(lateMs));

        var opened = Assert.IsType<BiddingOpened>(due);
        Assert.Equal(Start, opened.OpenedAt);
        Assert.Equal(End, opened.Deadline);
        Assert.Equal(ListingStatus.Open, listing.State.Status);
    }

    [Fact]
    public void R_CONV_3_nothing_is_due_before_the_start() =>
        Assert.Null(Engine.DueTransition(Published().State, Start.AddMilliseconds(-1)));

    [Fact]
    public void R_FRZ_01_nothing_is_due_while_suspended()
    {
        var listing = Published().Apply(Start.AddHours(-1), new ListingSuspended("network failure", "grantor-1"));
        Assert.Null(Engine.DueTransition(listing.State, Start.AddHours(1)));
    }

    // ---- bids -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(60_000)]
    public void R_BID_06_R_CONV_3_bid_at_or_after_the_deadline_is_bidding_closed(int msAfterDeadline)
    {
        var listing = Open();
        var now = End.AddMilliseconds(msAfterDeadline);

        var rejection = Rejected(Engine.Bid(listing.State, new PlaceBid("bidder-a", StartingPrice, "r1"), now), RejectionCodes.BiddingClosed);
        Assert.Equal(now, rejection.ServerTime);
    }

    [Fact]
    public void R_BID_01_R_BID_02_first_bid_one_ms_before_the_deadline_is_accepted()
    {
        var listing = Open();

        var accepted = listing.Bid("bidder-a", StartingPrice, End.AddMilliseconds(-1));

        Assert.Equal("001", accepted.BidderNo);
        Assert.Equal(BidPhase.Listing, accepted.Phase);
        Assert.Equal(End, accepted.Deadline); // a listing quote does not move the listing deadline
        Assert.Equal(StartingPrice, listing.State.Highest!.Fact.Amount);
    }

    [Fact]
    public void R_BID_06_unknown_bidder_is_not_qualified() =>
        Rejected(Engine.Bid(Open().State, new PlaceBid("stranger", StartingPrice, "r1"), Start.AddHours(1)), RejectionCodes.NotQualified);

    [Theory]
    [InlineData(-1)]
    [InlineData(-3_600_000)]
    public void R_BID_06_bid_before_the_start_is_listing_not_open(int msAfterStart)
    {
        var listing = Published().Qualify("bidder-a", "app-a");
        Rejected(Engine.Bid(listing.State, new PlaceBid("bidder-a", StartingPrice, "r1"), Start.AddMilliseconds(msAfterStart)), RejectionCodes.ListingNotOpen);
    }

    [Fact]
    public void R_FRZ_01_R_BID_06_bid_while_suspended_is_listing_suspended()
    {
        var listing = Open();
        var (suspended, rejection) = Engine.Suspend(listing.State, Owner, "power failure");
        Assert.Null(rejection);
        listing.Apply(Start.AddHours(2), suspended!);

        Rejected(Engine.Bid(listing.State, new PlaceBid("bidder-a", StartingPrice, "r1"), Start.AddHours(3)), RejectionCodes.ListingSuspended);
        Assert.Equal(ListingStatus.Suspended, listing.State.Status);
    }

    [Theory]
    [InlineData("14599999.99", RejectionCodes.BidTooLow)]
    [InlineData("14600000", null)]
    public void R_BID_03_second_bid_needs_one_increment(string amount, string? code)
    {
        var listing = Open();
        listing.Bid("bidder-a", StartingPrice, Start.AddHours(1));

        var decision = Engine.Bid(listing.State, new PlaceBid("bidder-b", Dec(amount), "b-1"), Start.AddHours(2));

        Assert.Equal(code, decision.Rejection?.Code);
        if (code is not null) Assert.Equal(StartingPrice + Increment, decision.Rejection!.MinNextBid);
        Assert.Equal(StartingPrice + Increment, Engine.MinNextBid(listing.State));
    }

    [Fact]
    public void R_BID_08_same_request_same_amount_replays_the_first_outcome()
    {
        var listing = Open();
        var first = listing.Bid("bidder-a", StartingPrice, Start.AddHours(1), requestId: "req-1");
        listing.Bid("bidder-b", StartingPrice + Increment, Start.AddHours(2));

        var retry = Engine.Bid(listing.State, new PlaceBid("bidder-a", StartingPrice, "req-1"), Start.AddHours(3));

        Assert.Null(retry.Accepted);
        Assert.Null(retry.Rejection);
        Assert.NotNull(retry.Replay);
        Assert.Equal(first.BidderNo, retry.Replay.Fact.BidderNo);
        Assert.Equal(StartingPrice, retry.Replay.Fact.Amount);
        Assert.Equal(Start.AddHours(1), retry.Replay.Fact.At);
        Assert.Equal("req-1", retry.Replay.RequestId);
    }

    [Fact]
    public void R_BID_08_same_request_different_amount_is_idempotency_mismatch()
    {
        var listing = Open();
        listing.Bid("bidder-a", StartingPrice, Start.AddHours(1), requestId: "req-1");

        Rejected(Engine.Bid(listing.State, new PlaceBid("bidder-a", StartingPrice + Increment, "req-1"), Start.AddHours(2)), RejectionCodes.IdempotencyMismatch);
    }

    [Fact]
    public void R_BID_08_request_ids_are_per_bidder()
    {
        var listing = Open();
        listing.Bid("bidder-a", StartingPrice, Start.AddHours(1), requestId: "req-1");
        listing.Bid("bidder-b", StartingPrice + Increment, Start.AddHours(2), requestId: "req-1");
        Assert.Equal(2, listing.State.Bids.Count);
    }

    // ---- reserve ----------------------------------------------------------------------------------------------

    public static TheoryData<string, string?> ReserveCases => new()
    {
        { "ok before the start", null },
        { "ok exactly 60 minutes before the end", null },
        { "already set", RejectionCodes.ReserveAlreadySet },
        { "59 minutes before the end", RejectionCodes.ReserveTooLate },
        { "after the end", RejectionCodes.ReserveTooLate },
        { "below start", RejectionCodes.ReserveBelowStart },
        { "below floor", RejectionCodes.FloorViolation },
        { "other centre", RejectionCodes.NotListingOwner },
        { "three decimals", RejectionCodes.ValidationFailed },
    };

    [Theory]
    [MemberData(nameof(ReserveCases))]
    public void R_COM_07_R_COM_08_R_IND_09a_seal_reserve(string @case, string? expectedCode)
    {
        var listing = @case switch
        {
            "already set" => Published(Publish(reserve: 15_000_000m)),
            "below floor" => BelowFloorStartListing(),
            "59 minutes before the end" or "ok exactly 60 minutes before the end" or "after the end" => Open(),
            _ => Published(),
        };
        var actor = @case == "other centre" ? new CentreActor("grantor-x", "centre-other") : Owner;
        var reserve = @case switch
        {
            "below start" => StartingPrice - 0.01m,
            "below floor" => NormalFloorGrade7 - 0.01m,
            "three decimals" => 15_000_000.001m,
            _ => 15_000_000m,
        };
        var now = @case switch
        {
            "ok exactly 60 minutes before the end" => End.AddMinutes(-60),
            "59 minutes before the end" => End.AddMinutes(-59),
            "after the end" => End.AddMinutes(1),
            _ => Now.AddDays(1),
        };

        var (evt, rejection) = Engine.SealReserve(listing.State, actor, reserve, now);

        Assert.Equal(expectedCode, rejection?.Code);
        if (expectedCode is null)
        {
            var sealedReserve = Assert.IsType<ReserveSealed>(evt);
            Assert.Equal(reserve, sealedReserve.ReservePrice);
            Assert.Equal(Owner.UserId, sealedReserve.SealedBy);
        }
        else
        {
            Assert.Null(evt);
        }
        if (expectedCode == RejectionCodes.FloorViolation) Assert.Equal(NormalFloorGrade7, rejection!.Floor!.Total);
    }

    /// <summary>
    /// A definition whose starting price is below the floor and that has no reserve yet. Publication never produces it
    /// (R-IND-09c requires the reserve with the publication), so the event is built directly to reach the engine's own guard.
    /// </summary>
    private static Sale BelowFloorStartListing()
    {
        var (definition, rejection) = Publication().Validate("L-1", Publish(), Now);
        Assert.Null(rejection);
        var listing = new Sale(Engine);
        return listing.Apply(Now, new ListingPublished(definition! with { StartingPrice = 14_000_000m }, "pub-1", "grantor-1"));
    }

    [Fact]
    public void R_COM_08_publishing_with_a_reserve_seals_it()
    {
        var listing = Published(Publish(reserve: 15_000_000m));
        Assert.Equal(15_000_000m, listing.State.Reserve);
    }

    [Fact]
    public void The_publication_fingerprint_leaves_the_reserve_out_and_a_replay_still_compares_the_reserve()
    {
        // The fingerprint is stored in the journal: a hash over the public terms and the reserve would give the
        // sealed reserve away to a dictionary search.
        Assert.Equal(ListingEngine.Fingerprint(Publish(reserve: 15_000_000m)), ListingEngine.Fingerprint(Publish(reserve: 15_100_000m)));
        Assert.NotEqual(ListingEngine.Fingerprint(Publish()), ListingEngine.Fingerprint(Publish(startingPrice: 14_600_000m)));

        var listing = Published(Publish(reserve: 15_000_000m));
        Assert.True(Engine.Publish(listing.State, "L-1", Publish(reserve: 15_000_000.00m), Now) is { Events: [], Rejection: null });
        Assert.Equal(RejectionCodes.IdempotencyMismatch, Engine.Publish(listing.State, "L-1", Publish(reserve: 15_100_000m), Now).Rejection?.Code);
        Assert.Equal(RejectionCodes.IdempotencyMismatch, Engine.Publish(listing.State, "L-1", Publish(), Now).Rejection?.Code);

        // A reserve sealed later is not part of the publication request.
        var later = Published();
        later.Apply(Now, Engine.SealReserve(later.State, Owner, 15_000_000m, Now).Event!);
        Assert.True(Engine.Publish(later.State, "L-1", Publish(), Now) is { Events: [], Rejection: null });
        Assert.Equal(RejectionCodes.IdempotencyMismatch, Engine.Publish(later.State, "L-1", Publish(reserve: 15_000_000m), Now).Rejection?.Code);
    }

    // ---- suspension and resumption ---------------------------------------------------------------------------

    [Theory]
    [InlineData(-30, 20)]        // §11.4 scenario 8: frozen 30 min before the end, resumed 20 min later → 30 min left
    [InlineData(-3 * 24 * 60, 120)]
    [InlineData(-10, 24 * 60)]
    public void R_FRZ_03_resume_during_listing_extends_the_deadline_by_the_suspended_time(int suspendMinutesFromEnd, int suspendedMinutes)
    {
        var listing = Open();
        var suspendedAt = End.AddMinutes(suspendMinutesFromEnd);
        var resumedAt = suspendedAt.AddMinutes(suspendedMinutes);
        listing.Apply(suspendedAt, new ListingSuspended("network failure", "grantor-1"));

        var (evt, rejection) = Engine.Resume(listing.State, Owner, resumedAt);

        Assert.Null(rejection);
        var resumed = Assert.IsType<ListingResumed>(evt);
        var newEnd = End.AddMinutes(suspendedMinutes);
        Assert.Equal(ListingStage.Open, resumed.Stage);
        Assert.Equal(newEnd, resumed.Deadline);
        Assert.Equal(newEnd, resumed.BiddingEndsAt);
        Assert.Equal(TimeSpan.FromMinutes(suspendedMinutes), resumed.SuspendedFor);

        listing.Apply(resumedAt, resumed);
        Assert.False(listing.State.IsSuspended);
        Assert.Equal(newEnd, listing.State.Deadline);
        Assert.Equal(newEnd - resumedAt, End - suspendedAt); // the remaining listing time is unchanged
        // A bid after the original deadline but before the extended one is accepted.
        listing.Bid("bidder-a", StartingPrice, newEnd.AddMilliseconds(-1));
    }

    [Theory]
    [InlineData(-120, -60, 0)]   // suspended and resumed before the start: nothing moves
    [InlineData(-60, 30, 30)]    // resumed 30 min into the bidding period: 30 min of bidding lost
    public void R_FRZ_03_resume_before_bidding_only_extends_by_the_lost_bidding_time(int suspendFromStart, int resumeFromStart, int extensionMinutes)
    {
        var listing = Published();
        listing.Apply(Start.AddMinutes(suspendFromStart), new ListingSuspended("court order", "grantor-1"));

        var (evt, rejection) = Engine.Resume(listing.State, Owner, Start.AddMinutes(resumeFromStart));

        Assert.Null(rejection);
        var resumed = Assert.IsType<ListingResumed>(evt);
        Assert.Equal(ListingStage.Announced, resumed.Stage);
        Assert.Equal(Start, resumed.Deadline);
        Assert.Equal(End.AddMinutes(extensionMinutes), resumed.BiddingEndsAt);
    }

    [Fact]
    public void R_FRZ_03_resume_needs_a_suspension_and_the_owner()
    {
        var listing = Open();
        Assert.Equal(RejectionCodes.InvalidTransition, Engine.Resume(listing.State, Owner, Start.AddHours(1)).Rejection?.Code);
        listing.Apply(Start.AddHours(1), new ListingSuspended("upgrade", "grantor-1"));
        Assert.Equal(RejectionCodes.NotListingOwner, Engine.Resume(listing.State, new CentreActor("x", "centre-other"), Start.AddHours(2)).Rejection?.Code);
    }

    [Fact]
    public void R_FRZ_03_F3_fujian_suspension_in_the_auction_restarts_the_preparation()
    {
        var listing = Open(Publish(timed: TimedBiddingTerms.FujianDefault));
        listing.Bid("bidder-a", StartingPrice, End.AddMinutes(-50));
        listing.Bid("bidder-b", StartingPrice + Increment, End.AddMinutes(-30));

        var preparation = Assert.IsType<PreparationStarted>(listing.CatchUp(End.AddSeconds(2)));
        Assert.Equal(End, preparation.StartedAt);
        Assert.Equal(End.AddMinutes(15), preparation.Until);

        var timed = Assert.IsType<TimedBiddingStarted>(listing.CatchUp(End.AddMinutes(15)));
        Assert.Equal(StartingPrice + 2 * Increment, timed.StartPrice); // F4
        Assert.Equal(End.AddMinutes(20), timed.Deadline);

        var suspendedAt = End.AddMinutes(17);
        listing.Apply(suspendedAt, new ListingSuspended("network failure", "grantor-1"));
        var resumedAt = suspendedAt.AddMinutes(10);
        var resumed = Assert.IsType<ListingResumed>(Engine.Resume(listing.State, Owner, resumedAt).Event);
        Assert.Equal(ListingStage.Preparation, resumed.Stage);
        Assert.Equal(resumedAt.AddMinutes(15), resumed.Deadline);
    }

    [Fact]
    public void R_FRZ_03_fujian_without_preparation_resumes_timed_bidding_with_a_fresh_countdown()
    {
        var listing = Open(Publish(timed: TimedBiddingTerms.FujianDefault with { PreparationSeconds = 0 }));
        listing.Bid("bidder-a", StartingPrice, End.AddMinutes(-50));
        listing.Bid("bidder-b", StartingPrice + Increment, End.AddMinutes(-30));
        var timed = Assert.IsType<TimedBiddingStarted>(listing.CatchUp(End));
        Assert.Equal(End.AddMinutes(5), timed.Deadline);

        var suspendedAt = End.AddMinutes(4);
        listing.Apply(suspendedAt, new ListingSuspended("network failure", "grantor-1"));
        var resumedAt = suspendedAt.AddMinutes(10);
        var resumed = Assert.IsType<ListingResumed>(Engine.Resume(listing.State, Owner, resumedAt).Event);

        // Not the minute that was left (deadline + suspended time): a fresh 5-minute countdown (R-FRZ-03).
        Assert.Equal((ListingStage.Timed, resumedAt.AddMinutes(5)), (resumed.Stage, resumed.Deadline));
    }

    /// <summary>
    /// F1 design note, R-FRZ-03: "the last hour" is the last hour of bidding time. A freeze inside it extends the deadline
    /// by the frozen time, and the quotes that were inside the last hour stay inside it: the freeze changes nothing.
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void F1_R_FRZ_03_a_freeze_in_the_last_hour_does_not_change_who_converts(bool freeze, bool secondQuoteEarly)
    {
        var listing = Open(Publish(timed: TimedBiddingTerms.FujianDefault));
        listing.Bid("bidder-a", StartingPrice, End.AddMinutes(-55));
        // Inside the last hour (45 min before the end) or well before it (70 min): with two quoters in the last hour Fujian converts.
        listing.Bid("bidder-b", StartingPrice + Increment, End.AddMinutes(secondQuoteEarly ? -70 : -45));
        var deadline = End;
        if (freeze)
        {
            listing.Apply(End.AddMinutes(-40), new ListingSuspended("power failure", "grantor-1"));
            var resumed = Assert.IsType<ListingResumed>(Engine.Resume(listing.State, Owner, End.AddMinutes(-20)).Event);
            listing.Apply(End.AddMinutes(-20), resumed);
            deadline = resumed.BiddingEndsAt!.Value;
            Assert.Equal(End.AddMinutes(20), deadline);
        }

        var step = listing.CatchUp(deadline);

        if (secondQuoteEarly) Assert.IsType<ListingClosed>(step);        // only A quoted in the last hour (F1: A wins)
        else Assert.IsType<PreparationStarted>(step);                      // A and B did: preparation, then the auction
    }

    [Theory]
    [InlineData(60, 0, 60)]      // no suspension: an hour is an hour
    [InlineData(60, 20, 80)]     // a 20-minute freeze inside the hour pushes its start back by 20 minutes
    [InlineData(10, 20, 10)]     // a freeze before the window changes nothing
    public void R_FRZ_01_bidding_time_skips_the_time_a_sale_was_suspended(int windowMinutes, int frozenMinutes, int wallMinutes)
    {
        // Frozen from End − 40 min for frozenMinutes; then the clock resumes and the (extended) end is End + frozenMinutes.
        var end = End.AddMinutes(frozenMinutes);
        IReadOnlyList<Suspension> suspensions = frozenMinutes == 0 ? [] : [new(End.AddMinutes(-40), End.AddMinutes(-40 + frozenMinutes))];
        Assert.Equal(end.AddMinutes(-wallMinutes), ClosingRules.BiddingTimeBefore(end, TimeSpan.FromMinutes(windowMinutes), suspensions));
    }

    // ---- qualification ----------------------------------------------------------------------------------------

    [Fact]
    public void R_DEP_02_R_ONL_02_qualification_issues_bidder_numbers_in_order_once_per_application()
    {
        var listing = Published();

        var (first, _, _) = Engine.Qualify(listing.State, QualifyCommand("bidder-a", "app-a"));
        Assert.Equal("001", first!.BidderNo);
        listing.Apply(Start.AddDays(-2), first);

        var (second, _, _) = Engine.Qualify(listing.State, QualifyCommand("bidder-b", "app-b"));
        Assert.Equal("002", second!.BidderNo);
        listing.Apply(Start.AddDays(-2), second);

        var (again, existing, rejection) = Engine.Qualify(listing.State, QualifyCommand("bidder-a", "app-a"));
        Assert.Null(again);
        Assert.Null(rejection);
        Assert.Equal("001", existing);

        var (sameBidder, existingForBidder, _) = Engine.Qualify(listing.State, QualifyCommand("bidder-b", "app-b2"));
        Assert.Null(sameBidder);
        Assert.Equal("002", existingForBidder);
        Assert.Equal(2, listing.State.QualifiedBidders.Count);
    }

    [Theory]
    [InlineData("2899999.99", 0)]   // short by a fen
    [InlineData("2900000", 1)]       // one ms after the deposit deadline
    public void R_DEP_02_incomplete_or_late_deposit_does_not_qualify(string paid, int msAfterDeadline)
    {
        var listing = Published();
        var (evt, _, rejection) = Engine.Qualify(listing.State,
            QualifyCommand("bidder-a", "app-a", Dec(paid), listing.State.Definition!.DepositDeadline.AddMilliseconds(msAfterDeadline)));
        Assert.Null(evt);
        Assert.Equal(RejectionCodes.DepositNotPaid, rejection?.Code);
    }

    // ---- the whole listing -----------------------------------------------------------------------------------

    [Fact]
    public void J1_J2_J3_jiangsu_two_bidders_convert_and_the_last_timed_bid_wins()
    {
        var listing = Open();
        listing.Bid("bidder-a", StartingPrice, Start.AddDays(1));
        listing.Bid("bidder-b", StartingPrice + Increment, Start.AddDays(2));

        var timed = Assert.IsType<TimedBiddingStarted>(listing.CatchUp(End.AddMinutes(1)));
        Assert.Equal(End, timed.StartedAt);
        Assert.Equal(StartingPrice + Increment, timed.StartPrice);
        Assert.Equal(End.AddMinutes(4), timed.Deadline);

        var bidAt = End.AddMinutes(3).AddSeconds(10);
        var timedBid = listing.Bid("bidder-a", StartingPrice + 2 * Increment, bidAt);
        Assert.Equal(BidPhase.Timed, timedBid.Phase);
        Assert.Equal(bidAt.AddSeconds(240), timedBid.Deadline);

        Assert.Null(listing.CatchUp(bidAt.AddSeconds(239)));
        var closed = Assert.IsType<ListingClosed>(listing.CatchUp(bidAt.AddHours(1)));
        Assert.Equal(CloseOutcome.Sold, closed.Outcome);
        Assert.Equal("001", closed.WinnerBidderNo);
        Assert.Equal(StartingPrice + 2 * Increment, closed.Price);
        Assert.Equal(bidAt.AddSeconds(240), closed.ClosedAt);
        Assert.Equal(ListingStatus.Sold, listing.State.Status);
        Rejected(Engine.Bid(listing.State, new PlaceBid("bidder-b", 20_000_000m, "late"), bidAt.AddHours(2)), RejectionCodes.BiddingClosed);
    }

    [Theory]
    [InlineData(null, CloseOutcome.Sold, null)]
    [InlineData("15000000", CloseOutcome.Failed, FailureReason.BelowReserve)]
    public void J4_R_LST_07_1_single_bidder_closes_at_the_deadline(string? reserve, CloseOutcome outcome, FailureReason? reason)
    {
        var listing = Open(Publish(reserve: reserve is null ? null : Dec(reserve)));
        listing.Bid("bidder-a", StartingPrice, Start.AddDays(1));

        var closed = Assert.IsType<ListingClosed>(listing.CatchUp(End.AddHours(5)));

        Assert.Equal(outcome, closed.Outcome);
        Assert.Equal(reason, closed.Reason);
        Assert.Equal(End, closed.ClosedAt);
    }
}

/// <summary>Engine rules that became deployment settings in review (issue 13): R-BID-07 and the Jiangsu reserve window.</summary>
public sealed class ReviewedEngineRulesTests
{
    private static readonly CentreActor Owner = new("grantor-1", "centre-sz");

    private static (ListingEngine Engine, Sale Sale) Open(ListingRuleSettings settings)
    {
        var engine = new ListingEngine(Publication(settings), settings);
        var sale = new Sale(engine);
        var (events, rejection) = engine.Publish(sale.State, "L-1", Publish(), Now);
        Assert.Null(rejection);
        sale.Apply(Now, events).Qualify("bidder-a", "app-a").Qualify("bidder-b", "app-b");
        sale.CatchUp(Start);
        return (engine, sale);
    }

    [Fact]
    public void R_BID_07_a_deployment_may_forbid_raising_ones_own_highest_bid()
    {
        var (engine, sale) = Open(new ListingRuleSettings { AllowSelfOutbid = false });
        sale.Bid("bidder-a", StartingPrice, Start.AddHours(1));

        Sale.Rejected(engine.Bid(sale.State, new PlaceBid("bidder-a", StartingPrice + Increment, "a-2"), Start.AddHours(2)), RejectionCodes.SelfOutbid);
        sale.Bid("bidder-b", StartingPrice + Increment, Start.AddHours(2));
        sale.Bid("bidder-a", StartingPrice + 2 * Increment, Start.AddHours(3)); // outbid by another, A may bid again
    }

    [Fact]
    public void R_BID_07_by_default_the_highest_bidder_may_raise_its_own_bid()
    {
        var (_, sale) = Open(new ListingRuleSettings());
        sale.Bid("bidder-a", StartingPrice, Start.AddHours(1));
        sale.Bid("bidder-a", StartingPrice + Increment, Start.AddHours(2));
    }

    [Theory]
    [InlineData(-31, RejectionCodes.ReserveTooEarly)]
    [InlineData(-30, null)]
    [InlineData(-1, null)]
    public void R_COM_08_Jiangsu_the_reserve_is_entered_within_the_last_30_minutes_before_the_listing_deadline(int minutesBeforeEnd, string? code)
    {
        var settings = new ListingRuleSettings { ReserveEntryWindowMinutes = 30, ReserveDeadlineMinutes = 0 };
        var (engine, sale) = Open(settings);
        Assert.Equal(code, engine.SealReserve(sale.State, Owner, 15_000_000m, End.AddMinutes(minutesBeforeEnd)).Rejection?.Code);
    }
}
