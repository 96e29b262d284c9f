using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;
using Auction.Silo.Methods.Tender;
using Auction.Silo.Rules;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.Tenders;

/// <summary>
/// The tender decider (招标, DOMAIN §4, API.md v2 "Tender") through the pure engine and a test box: publication, sealed
/// submissions (R-TEN-02), the opening by the server clock with its count and validity (R-TEN-03/04), the price award and
/// the committee's sheets (R-TEN-05/06).
/// </summary>
public sealed class TenderRulesTests
{
    private static readonly ListingRuleSettings Settings = new();
    private static readonly ListingEngine Engine = new(Publication(Settings), Settings);
    private static readonly CentreActor Owner = new("grantor-1", "centre-sz");
    private static readonly DateTimeOffset InBox = Start.AddHours(1);

    private static RecordLog Published(PublishListing command)
    {
        var sale = new RecordLog(Engine);
        var (events, rejection) = Engine.Publish(sale.State, "L-1", command, Now);
        Assert.True(rejection is null, $"{rejection?.Code}: {rejection?.Message}");
        sale.Record(Now, events);
        return sale;
    }

    /// <summary>Published with <paramref name="bidders"/> bidders qualified ("bidder-0" = 001 …), and the box open.</summary>
    private static RecordLog Open(TenderTerms? terms = null, decimal? reserve = null, int bidders = 4)
    {
        var sale = Published(PublishTender(terms, reserve));
        for (var i = 0; i < bidders; i++)
            sale.Record(Start.AddDays(-1), Engine.Qualify(sale.State, Sale.QualifyCommand($"bidder-{i}", $"app-{i}")).Event);
        sale.CatchUp(Start);
        Assert.Equal((ListingStatus.Open, BidPhase.Tender), (sale.State.Status, sale.State.CurrentPhase));
        return sale;
    }

    private static SubmitTender Tender(int bidder, decimal amount, string? requestId = null, string? proposal = null) =>
        new($"bidder-{bidder}", amount, proposal, requestId ?? $"t-{bidder}");

    private static TenderReceipt Sealed(RecordLog sale, SubmitTender tender, DateTimeOffset at)
    {
        var (receipt, rejection) = sale.Tender(tender, at);
        Assert.True(rejection is null, $"{rejection?.Code}: {rejection?.Message}");
        return receipt!;
    }

    private static Rejection Refused(RecordLog sale, SubmitTender tender, DateTimeOffset at, string code)
    {
        var (receipt, rejection) = sale.Tender(tender, at);
        Assert.Null(receipt);
        Assert.True(rejection?.Code == code, $"expected {code}, got {rejection?.Code}: {rejection?.Message}");
        return rejection!;
    }

    /// <summary>Tenders by bidders 0, 1, 2 … at one-minute intervals; one more bidder is qualified and has not tendered.</summary>
    private static RecordLog Tendered(TenderTerms? terms, decimal? reserve, params decimal[] amounts)
    {
        var sale = Open(terms, reserve, bidders: amounts.Length + 1);
        for (var i = 0; i < amounts.Length; i++) Sealed(sale, Tender(i, amounts[i]), InBox.AddMinutes(i));
        return sale;
    }

    // ---- publication ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("comprehensive without committee", "tender.committeeSize")]
    [InlineData("committee of 4", "tender.committeeSize")]
    [InlineData("committee of 3", "tender.committeeSize")]
    [InlineData("comprehensive without priceWeight", "tender.priceWeight")]
    [InlineData("comprehensive without criteria", "tender.criteria")]
    [InlineData("weights add up to 90", "tender.criteria")]
    [InlineData("a criterion id twice", "tender.criteria[1].id")]
    [InlineData("a criterion of 0 points", "tender.criteria[0].maxScore")]
    [InlineData("minTenderers 0", "tender.minTenderers")]
    [InlineData("no biddingEndsAt", "biddingEndsAt")]
    [InlineData("an auction block", "auction")]
    [InlineData("timed bidding", "timedBidding")]
    [InlineData("a tender block on a listing", "tender")]
    [InlineData("a tender block on an auction", "tender")]
    public void R_TEN_publication_refuses_a_bad_tender_under_its_field(string @case, string field)
    {
        var ok = PublishTender(ComprehensiveTerms());
        var terms = ComprehensiveTerms();
        var command = @case switch
        {
            "comprehensive without committee" => ok with { Tender = terms with { CommitteeSize = null } },
            "committee of 4" => ok with { Tender = terms with { CommitteeSize = 4 } },
            "committee of 3" => ok with { Tender = terms with { CommitteeSize = 3 } },
            "comprehensive without priceWeight" => ok with { Tender = terms with { PriceWeight = null } },
            "comprehensive without criteria" => ok with { Tender = terms with { Criteria = [] } },
            "weights add up to 90" => ok with { Tender = terms with { PriceWeight = 30m } },
            "a criterion id twice" => ok with { Tender = terms with { Criteria = [new("plan", "A", 30m), new("plan", "B", 30m)] } },
            "a criterion of 0 points" => ok with { Tender = terms with { PriceWeight = 70m, Criteria = [new("plan", "A", 0m), new("industry", "B", 30m)] } },
            "minTenderers 0" => ok with { Tender = terms with { MinTenderers = 0 } },
            "no biddingEndsAt" => ok with { BiddingEndsAt = null },
            "an auction block" => ok with { Auction = AuctionTerms.Default },
            "timed bidding" => ok with { TimedBidding = TimedBiddingTerms.JiangsuDefault },
            "a tender block on a listing" => Publish() with { Tender = TenderTerms.Default },
            "a tender block on an auction" => PublishAuction() with { Tender = TenderTerms.Default },
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        var (_, rejection) = Engine.Publish(new ListingState(), "L-1", command, Now);

        Assert.Equal(RejectionCodes.ValidationFailed, rejection?.Code);
        Assert.True(rejection!.Errors!.ContainsKey(field), $"{@case}: expected '{field}', got [{string.Join(", ", rejection.Errors!.Keys)}]");
    }

    [Fact]
    public void R_TEN_04_publication_defaults_to_a_price_tender_of_three_and_keeps_only_the_terms_that_apply()
    {
        var plain = Published(PublishTender()).State.Definition!;
        Assert.Equal((TenderTerms.Default, End.AddDays(-2), End.AddDays(-2)), (plain.Tender, plain.ApplicationDeadline, plain.DepositDeadline));
        Assert.Equal(TimedBiddingTerms.None, plain.TimedBidding);

        // API.md marks the committee and criteria "comprehensive only": a price tender publishes without them.
        var price = Published(PublishTender(ComprehensiveTerms() with { Evaluation = TenderEvaluation.HighestPrice })).State;
        Assert.Equal(new TenderTerms(TenderEvaluation.HighestPrice, 3), price.Definition!.Tender);
        var view = ListingProjections.Snapshot("L-1", price, Now, Engine.MinNextBid(price));
        Assert.Equal((GrantMethod.Tender, End, (TenderTerms?)new TenderTerms(TenderEvaluation.HighestPrice, 3)), (view.Method, view.BiddingEndsAt!.Value, view.Tender));
        var comprehensive = Published(PublishTender(ComprehensiveTerms())).State.Definition!.Tender!;
        Assert.Equal(ComprehensiveTerms() with { Criteria = null }, comprehensive with { Criteria = null });
        Assert.Equal(ComprehensiveTerms().Criteria, comprehensive.Criteria);
    }

    [Fact]
    public void R_TEN_01_R_COM_04_the_announcement_precedes_the_tender_by_20_days()
    {
        var (_, rejection) = Engine.Publish(new ListingState(), "L-1", PublishTender() with { BiddingStartsAt = Now.AddDays(19) }, Now);
        Assert.Equal(RejectionCodes.AnnouncementTooShort, rejection?.Code);
    }

    [Fact]
    public void R_LST_01_does_not_apply_to_tenders_the_box_may_be_open_for_one_day_over_a_national_holiday()
    {
        var opens = China("2026-10-01T09:00");
        var announced = opens.AddDays(-25);
        var applications = opens.AddDays(-2); // 3 days before the opening (R-LST-02 asks at least 48 hours where it is set)
        var command = PublishTender() with { AnnouncedAt = announced, BiddingStartsAt = opens, BiddingEndsAt = opens.AddDays(1), ApplicationDeadline = applications, DepositDeadline = applications };

        Assert.Null(Engine.Publish(new ListingState(), "L-1", command, announced).Rejection);
        var listing = command with { Method = GrantMethod.Listing, Tender = null };
        Assert.Equal(RejectionCodes.ListingPeriodTooShort, Engine.Publish(new ListingState(), "L-1", listing, announced).Rejection?.Code);
    }

    // ---- sealed submissions (R-TEN-02) ----------------------------------------------------------------------------

    [Fact]
    public void R_TEN_02_a_qualified_bidder_seals_a_tender_that_the_listing_does_not_record_and_whose_commitment_recomputes()
    {
        var sale = Open();
        var before = (sale.Entries.Count, ListingProjections.Snapshot("L-1", sale.State, InBox, null));
        const string proposal = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

        var receipt = Sealed(sale, Tender(0, 14_600_000.5m, proposal: proposal), InBox);

        Assert.Equal(("L-1-T001", "001", 14_600_000.5m, InBox, proposal), (receipt.TenderId, receipt.BidderNo, receipt.Amount, receipt.SubmittedAt, receipt.ProposalSha256));
        Assert.Equal((1L, sale.Box(TenderMethod.TenderBox).Entries[0].Hash), (receipt.Seq, receipt.Hash));
        Assert.Equal(64, receipt.Salt.Length);
        var text = $"L-1|001|14600000.50|{proposal}|{receipt.Salt}";
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), receipt.Commitment);
        // Nothing entered the listing's journal or its view.
        Assert.Equal(before, (sale.Entries.Count, ListingProjections.Snapshot("L-1", sale.State, InBox, null)));
    }

    [Theory]
    [InlineData("before the box opens", RejectionCodes.ListingNotOpen)]
    [InlineData("at the deadline", RejectionCodes.BiddingClosed)]
    [InlineData("after the opening", RejectionCodes.BiddingClosed)]
    [InlineData("while suspended", RejectionCodes.ListingSuspended)]
    [InlineData("not qualified", RejectionCodes.NotQualified)]
    [InlineData("below the industrial floor", RejectionCodes.FloorViolation)]
    [InlineData("below the starting price", RejectionCodes.BidTooLow)]
    [InlineData("three decimals", RejectionCodes.ValidationFailed)]
    [InlineData("an upper-case proposal hash", RejectionCodes.ValidationFailed)]
    [InlineData("no requestId", RejectionCodes.ValidationFailed)]
    public void R_TEN_02_R_CONV_3_a_tender_is_refused(string @case, string code)
    {
        var sale = @case == "before the box opens" ? Published(PublishTender()) : Open(bidders: 1);
        if (@case == "before the box opens") sale.Record(Start.AddDays(-1), Engine.Qualify(sale.State, Sale.QualifyCommand("bidder-0", "app-0")).Event);
        if (@case == "while suspended") sale.Record(InBox, Engine.Suspend(sale.State, Owner, "court order").Event);
        var (tender, at) = @case switch
        {
            "before the box opens" => (Tender(0, 15_000_000m), Start.AddSeconds(-1)),
            "at the deadline" => (Tender(0, 15_000_000m), End),
            "after the opening" => (Tender(0, 15_000_000m), End.AddHours(1)),
            "not qualified" => (new SubmitTender("stranger", 15_000_000m, null, "t-x"), InBox),
            "below the industrial floor" => (Tender(0, NormalFloorGrade7 - 0.01m), InBox),
            "below the starting price" => (Tender(0, StartingPrice - 0.01m), InBox),
            "three decimals" => (Tender(0, 15_000_000.001m), InBox),
            "an upper-case proposal hash" => (Tender(0, 15_000_000m, proposal: new string('A', 64)), InBox),
            "no requestId" => (Tender(0, 15_000_000m, requestId: ""), InBox),
            _ => (Tender(0, 15_000_000m), InBox),
        };
        var rejection = Refused(sale, tender, at, code);
        if (code == RejectionCodes.FloorViolation) Assert.Equal(NormalFloorGrade7, rejection.Floor?.Total);
        Assert.DoesNotContain(sale.Box(TenderMethod.TenderBox).Entries, e => e.Type == "itemSealed");
    }

    [Fact]
    public void R_TEN_02_one_tender_per_bidder_never_changed_and_a_repeat_of_its_request_replays_its_receipt()
    {
        var sale = Open();
        var first = Sealed(sale, Tender(0, 15_000_000m, "t-0"), InBox);

        Refused(sale, Tender(0, 15_100_000m, "t-0-again"), InBox.AddMinutes(1), RejectionCodes.TenderAlreadySubmitted);
        Refused(sale, Tender(0, 15_100_000m, "t-0"), InBox.AddMinutes(1), RejectionCodes.IdempotencyMismatch);
        Refused(sale, Tender(0, 15_000_000m, "t-0", proposal: new string('a', 64)), InBox.AddMinutes(1), RejectionCodes.IdempotencyMismatch);
        var (replay, _) = sale.Tender(Tender(0, 15_000_000m, "t-0"), InBox.AddMinutes(2));
        Assert.Equal(first with { Replayed = true }, replay);
        // The box holds the first tender only; a replay after the deadline still gets its receipt.
        Assert.Single(sale.Box(TenderMethod.TenderBox).Entries);
        Assert.Equal(first with { Replayed = true }, sale.Tender(Tender(0, 15_000_000m, "t-0"), End.AddDays(1)).Receipt);
    }

    [Fact]
    public void A_tender_takes_no_bids_and_a_listing_takes_no_tenders()
    {
        var sale = Open();
        Assert.Equal(RejectionCodes.WrongChannel, Engine.Bid(sale.State, new PlaceBid("bidder-0", 15_000_000m, "b-1"), InBox).Rejection?.Code);
        Assert.Null(Engine.MinNextBid(sale.State));

        var listing = Published(Publish());
        Assert.Equal(RejectionCodes.WrongChannel, Engine.Tender(listing.State, Tender(0, 15_000_000m), null, Start.AddHours(1)).Rejection?.Code);
    }

    // ---- the opening (R-TEN-03/04) ------------------------------------------------------------------------------

    [Theory]
    [InlineData(3, 2, false)]
    [InlineData(3, 0, false)]
    [InlineData(3, 3, true)]
    [InlineData(1, 0, false)]
    [InlineData(1, 1, true)]
    [InlineData(5, 4, false)]
    public void R_TEN_04_fewer_tenders_than_minTenderers_fail_the_tender_and_stay_sealed(int minTenderers, int tenders, bool opens)
    {
        var amounts = Enumerable.Range(0, tenders).Select(i => 15_000_000m + i * 12_345.67m).ToArray();
        var sale = Tendered(new TenderTerms(TenderEvaluation.HighestPrice, minTenderers), null, amounts);

        sale.CatchUp(End.AddMinutes(7)); // a late timer: the opening is still at the deadline

        var closed = Assert.IsType<ListingClosed>(sale.Events[^1]);
        Assert.Equal(End, closed.ClosedAt);
        if (opens)
        {
            Assert.Equal(tenders, Assert.IsType<TendersOpened>(sale.Events[^2]).Tenders.Count);
            Assert.Equal(CloseOutcome.Sold, closed.Outcome);
            return;
        }
        var counted = Assert.IsType<TendersCounted>(sale.Events[^2]);
        var lastItem = sale.Box(TenderMethod.TenderBox).Entries.SkipLast(1).LastOrDefault();
        Assert.Equal((tenders, End, lastItem?.Hash ?? Silo.Journal.HashChain.Genesis), (counted.Count, counted.CountedAt, counted.BoxHeadHash));
        Assert.Equal((CloseOutcome.Failed, FailureReason.TooFewTenderers, (DealMethod?)null), (closed.Outcome, closed.Reason, closed.DealMethod));
        // Only the count is recorded: no amount in the journal, public or not.
        var journal = string.Join("\n", sale.Entries.Select(e => e.Data));
        Assert.All(amounts, a => Assert.DoesNotContain(a.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), journal, StringComparison.Ordinal));
        Assert.Empty(sale.State.Tenders.Opened);
    }

    [Fact]
    public void R_TEN_03_04_R_TEN_06_the_opening_announces_every_tender_with_its_validity_and_a_price_tender_closes_at_once()
    {
        var sale = Tendered(null, 15_000_000m, 14_600_000m, 15_200_000m, 15_100_000m);

        sale.CatchUp(End);

        var opened = Assert.IsType<TendersOpened>(sale.Events[^2]);
        Assert.Equal((TenderMethod.TenderBox, sale.Box(TenderMethod.TenderBox).Entries[^2].Hash, End), (opened.Box, opened.BoxHeadHash, opened.OpenedAt));
        Assert.Equal(new (string, bool, TenderInvalidReason?)[] { ("001", false, TenderInvalidReason.BelowReserve), ("002", true, null), ("003", true, null) },
            opened.Tenders.Select(t => (t.BidderNo, t.Valid, t.InvalidReason)));
        Assert.Equal(["Company bidder-0", "Company bidder-1", "Company bidder-2"], opened.Tenders.Select(t => t.Name));
        Assert.All(opened.Tenders, t => Assert.Equal(t.Commitment, TenderCommitment.Of("L-1", t.BidderNo, t.Amount, t.ProposalSha256, t.Salt)));
        var closed = Assert.IsType<ListingClosed>(sale.Events[^1]);
        Assert.Equal((CloseOutcome.Sold, "002", 15_200_000m, End, DealMethod.TenderHighestPrice), (closed.Outcome, closed.WinnerBidderNo, closed.Price!.Value, closed.ClosedAt, closed.DealMethod!.Value));
        // The public projection announces names and prices (R-TEN-04), never bidder ids.
        var exposed = JsonSerializer.Serialize(ListingProjections.ToPublic("L-1", sale.Entries[^2], opened));
        Assert.Contains("Company bidder-1", exposed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"bidder-1\"", exposed, StringComparison.Ordinal);
    }

    [Fact]
    public void R_TEN_06_equal_prices_go_to_the_earlier_tender()
    {
        var sale = Open();
        Sealed(sale, Tender(2, 15_000_000m), InBox);
        Sealed(sale, Tender(0, 15_000_000m), InBox.AddMinutes(1));
        Sealed(sale, Tender(1, 14_900_000m), InBox.AddMinutes(2));
        sale.CatchUp(End);
        Assert.Equal("003", Assert.IsType<ListingClosed>(sale.Events[^1]).WinnerBidderNo);
    }

    [Theory]
    [InlineData(TenderEvaluation.HighestPrice)]
    [InlineData(TenderEvaluation.Comprehensive)]
    public void R_TEN_04_tenders_all_below_the_reserve_count_for_the_opening_and_fail_it_below_reserve(TenderEvaluation evaluation)
    {
        var terms = evaluation == TenderEvaluation.Comprehensive ? ComprehensiveTerms() : null;
        var sale = Tendered(terms, 16_000_000m, 14_600_000m, 15_200_000m, 15_100_000m);
        sale.CatchUp(End);
        Assert.All(Assert.IsType<TendersOpened>(sale.Events[^2]).Tenders, t => Assert.False(t.Valid));
        var closed = Assert.IsType<ListingClosed>(sale.Events[^1]);
        Assert.Equal((CloseOutcome.Failed, FailureReason.BelowReserve), (closed.Outcome, closed.Reason));
    }

    [Fact]
    public void R_TEN_05_a_comprehensive_tender_opens_into_evaluation_with_no_deadline()
    {
        var sale = Tendered(ComprehensiveTerms(), null, 15_200_000m, 14_600_000m, 15_000_000m);
        sale.CatchUp(End.AddHours(5));
        Assert.IsType<TendersOpened>(sale.Events[^1]);
        Assert.Equal((ListingStatus.Evaluating, (DateTimeOffset?)null, (BidPhase?)null), (sale.State.Status, sale.State.Deadline, sale.State.CurrentPhase));
        Assert.Null(Engine.DueTransition(sale.State, End.AddDays(30)));
        Assert.Null(Engine.OpeningDue(sale.State, End.AddDays(30)));
    }

    [Fact]
    public void R_FRZ_03_a_suspended_box_does_not_open_and_its_deadline_moves_by_the_suspended_time()
    {
        var sale = Tendered(null, null, 15_000_000m, 15_100_000m, 15_200_000m);
        sale.Record(End.AddHours(-1), Engine.Suspend(sale.State, Owner, "system failure").Event);
        sale.CatchUp(End.AddHours(2));
        Assert.Equal(ListingStatus.Suspended, sale.State.Status);
        Assert.DoesNotContain(sale.Box(TenderMethod.TenderBox).Entries, e => e.Type == "opened");

        sale.Record(End.AddHours(2), Engine.Resume(sale.State, Owner, End.AddHours(2)).Event);
        Assert.Equal(End.AddHours(3), sale.State.BiddingEndsAt);
        Sealed(sale, Tender(3, 15_300_000m), End.AddHours(2.5));
        sale.CatchUp(End.AddHours(3));
        Assert.Equal(("004", End.AddHours(3)), (Assert.IsType<ListingClosed>(sale.Events[^1]).WinnerBidderNo, Assert.IsType<TendersOpened>(sale.Events[^2]).OpenedAt));
    }

    // ---- the committee (R-TEN-05/06) ----------------------------------------------------------------------------

    private static RecordLog Evaluating(decimal? reserve = null)
    {
        var sale = Tendered(ComprehensiveTerms(), reserve, 15_200_000m, 14_600_000m, 15_000_000m);
        sale.CatchUp(End);
        return sale;
    }

    private static EvaluationSheet Sheet(string evaluator, params (string BidderNo, decimal Plan, decimal Industry)[] rows) =>
        new(new Evaluator(evaluator, $"Expert {evaluator}"),
            rows.SelectMany(r => new[] { new SheetScore(r.BidderNo, "plan", r.Plan), new SheetScore(r.BidderNo, "industry", r.Industry) }).ToArray(),
            $"sheet-{evaluator}");

    private static EvaluationSheet Plain(string evaluator) => Sheet(evaluator, ("001", 20, 20), ("002", 27, 27), ("003", 22, 22));

    [Fact]
    public void R_TEN_05_06_five_sheets_rank_the_tenders_and_the_best_score_wins_at_its_own_amount_not_the_highest_price()
    {
        var sale = Evaluating();
        var at = End.AddHours(1);
        foreach (var evaluator in new[] { "e1", "e2", "e3", "e4" })
        {
            var decision = Engine.RecordSheet(sale.State, Owner, Plain(evaluator), at);
            Assert.True(decision.Rejection is null, decision.Rejection?.Message);
            sale.Record(at, decision.Events);
            Assert.Equal(ListingStatus.Evaluating, sale.State.Status);
        }
        var last = Engine.RecordSheet(sale.State, Owner, Plain("e5"), at.AddMinutes(5));
        sale.Record(at.AddMinutes(5), last.Events);

        Assert.Equal(["evaluationSheetRecorded", "evaluated", "closed"], sale.Entries.TakeLast(3).Select(e => e.Type));
        var ranking = Assert.IsType<TendersEvaluated>(sale.Events[^2]).Ranking;
        Assert.Equal(["002", "003", "001"], ranking.Select(r => r.BidderNo));
        Assert.Equal((38.42m, 54m, 92.42m), (ranking[0].PricePoints, ranking[0].CriteriaPoints, ranking[0].Total));
        var closed = Assert.IsType<ListingClosed>(sale.Events[^1]);
        Assert.Equal((CloseOutcome.Sold, "002", 14_600_000m, at.AddMinutes(5), DealMethod.TenderComprehensive),
            (closed.Outcome, closed.WinnerBidderNo, closed.Price!.Value, closed.ClosedAt, closed.DealMethod!.Value));
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], sale.State.Tenders.Sheets.Select(s => s.Sheet.Evaluator.Id));
    }

    [Theory]
    [InlineData("before the opening", RejectionCodes.InvalidTransition)]
    [InlineData("a price tender", RejectionCodes.InvalidTransition)]
    [InlineData("another centre", RejectionCodes.NotListingOwner)]
    [InlineData("after the award", RejectionCodes.InvalidTransition)]
    public void R_TEN_05_sheets_are_for_the_owner_of_a_comprehensive_tender_between_its_opening_and_its_award(string @case, string code)
    {
        var sale = @case switch
        {
            "before the opening" => Tendered(ComprehensiveTerms(), null, 15_200_000m, 14_600_000m, 15_000_000m),
            "a price tender" => Tendered(null, null, 15_200_000m, 14_600_000m, 15_000_000m),
            _ => Evaluating(),
        };
        if (@case == "a price tender") sale.CatchUp(End);
        if (@case == "after the award")
            foreach (var evaluator in new[] { "e1", "e2", "e3", "e4", "e5" }) sale.Record(End, Engine.RecordSheet(sale.State, Owner, Plain(evaluator), End).Events);
        var actor = @case == "another centre" ? Owner with { CentreId = "centre-other" } : Owner;

        var decision = Engine.RecordSheet(sale.State, actor, Plain("e6"), End.AddMinutes(1));

        Assert.Equal(code, decision.Rejection?.Code);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("a score above its maximum", "scores[1].score")]
    [InlineData("a negative score", "scores[0].score")]
    [InlineData("a score in thousandths", "scores[0].score")]
    [InlineData("a score missing", "scores")]
    [InlineData("a tender scored twice", "scores[4]")]
    [InlineData("the invalid tender scored", "scores[4].bidderNo")]
    [InlineData("an unknown criterion", "scores[0].criterion")]
    [InlineData("no evaluator name", "evaluator.name")]
    public void R_TEN_05_a_sheet_scores_every_valid_tender_on_every_criterion_within_its_maximum(string @case, string field)
    {
        var sale = Evaluating(reserve: 14_700_000m); // 002 at 14.6M is below it: not a valid tender
        var ok = Sheet("e1", ("001", 20, 20), ("003", 22, 22));
        var scores = ok.Scores.ToArray();
        var sheet = @case switch
        {
            "a score above its maximum" => ok with { Scores = [scores[0], scores[1] with { Score = 30.01m }, .. scores[2..]] },
            "a negative score" => ok with { Scores = [scores[0] with { Score = -1m }, .. scores[1..]] },
            "a score in thousandths" => ok with { Scores = [scores[0] with { Score = 20.005m }, .. scores[1..]] },
            "a score missing" => ok with { Scores = scores[..3] },
            "a tender scored twice" => ok with { Scores = [.. scores, .. scores[..2]] },
            "the invalid tender scored" => ok with { Scores = [.. scores, new SheetScore("002", "plan", 1m), new SheetScore("002", "industry", 1m)] },
            "an unknown criterion" => ok with { Scores = [scores[0] with { Criterion = "beauty" }, .. scores[1..]] },
            "no evaluator name" => ok with { Evaluator = ok.Evaluator with { Name = " " } },
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        var decision = Engine.RecordSheet(sale.State, Owner, sheet, End.AddHours(1));

        Assert.Equal(RejectionCodes.ValidationFailed, decision.Rejection?.Code);
        Assert.True(decision.Rejection!.Errors!.ContainsKey(field), $"{@case}: expected '{field}', got [{string.Join(", ", decision.Rejection.Errors!.Keys)}]");
        Assert.Null(Engine.RecordSheet(sale.State, Owner, ok, End.AddHours(1)).Rejection);
    }

    [Fact]
    public void R_TEN_05_one_sheet_per_evaluator_and_a_repeat_of_its_request_replays_it_in_any_order()
    {
        var sale = Evaluating();
        var first = Plain("e1");
        sale.Record(End.AddHours(1), Engine.RecordSheet(sale.State, Owner, first, End.AddHours(1)).Events);

        var replay = Engine.RecordSheet(sale.State, Owner, first with { Scores = first.Scores.Reverse().ToArray() }, End.AddHours(2));
        Assert.Equal((sale.Entries[^1].Seq, 1), (replay.Replay!.Seq, replay.Replay.Sheet.SheetNo));
        Assert.Equal(RejectionCodes.IdempotencyMismatch, Engine.RecordSheet(sale.State, Owner, Plain("e2") with { RequestId = first.RequestId }, End.AddHours(2)).Rejection?.Code);
        Assert.Equal(RejectionCodes.SheetAlreadyRecorded, Engine.RecordSheet(sale.State, Owner, first with { RequestId = "another" }, End.AddHours(2)).Rejection?.Code);
    }
}
