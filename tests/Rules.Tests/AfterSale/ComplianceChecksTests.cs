using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Silo.Compliance;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Methods.Tender;
using Auction.Silo.Registration;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using Auction.Silo.Rules.Grades;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.AfterSale;

/// <summary>
/// The regulator's checklist (DOMAIN §9.2, API.md "v2 details pinned"): every check id answered for every closed sale,
/// against the national rules, from what the record holds.
/// </summary>
public sealed class ComplianceChecksTests
{
    private static readonly ComplianceChecks Checks = new(WorkingDayCalendar.China, CountyGradeTable.Shipped);

    /// <summary>Publication minimums off: the checks judge the national rules, whatever the deployment allowed.</summary>

    private static readonly DateTimeOffset ClosedAt = End;

    private static ListingDefinition Definition(PublishListing command, ListingRuleSettings? settings = null)
    {
        var (definition, rejection) = Publication(settings).Validate("L-1", command, Now);
        Assert.True(rejection is null, rejection?.Message);
        return definition!;
    }

    private static RegulatorRecord Record(ListingDefinition d, ListingResult result, decimal? reserve = null, params RecordEvent[] events) =>
        new(d.ListingId, d, reserve, events, [], d.Floor, result, result.Outcome == CloseOutcome.Sold ? ListingStatus.Sold : ListingStatus.Failed, null, [], [], null);

    private static ListingResult Sold(decimal price) => new(CloseOutcome.Sold, null, "001", "Alpha Co.", price, ClosedAt, 20, DealMethod.PriceOnly);

    private static ListingResult Failed(FailureReason reason = FailureReason.NoBids) => new(CloseOutcome.Failed, reason, null, null, null, ClosedAt, 20);

    private static RecordEvent Event(string type, DateTimeOffset at, string data = "{}") => new(1, type, at, data, "", "");

    private static Outcome<IReadOnlyList<DepositPosition>> NoDeposits => Outcome<IReadOnlyList<DepositPosition>>.Success([]);

    private static Dictionary<string, ComplianceCheck> Answer(RegulatorRecord record, Outcome<IReadOnlyList<DepositPosition>>? deposits = null, DateTimeOffset? now = null)
    {
        var checks = Checks.For(record, deposits ?? NoDeposits, now ?? ClosedAt.AddDays(1));
        Assert.Equal(CheckIds.All, checks.Select(c => c.Rule));
        Assert.All(checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Detail)));
        return checks.ToDictionary(c => c.Rule);
    }

    [Fact]
    public void A_lawful_industrial_listing_passes_what_applies_to_it_and_the_rest_is_not_applicable_or_pending()
    {
        var checks = Answer(Record(Definition(Publish()), Sold(14_600_000m), reserve: 14_500_000m));
        Assert.Equal(CheckStatus.Pass, checks[CheckIds.AnnouncementLead].Status);
        Assert.Equal(CheckStatus.Pass, checks[CheckIds.ListingPeriod].Status);
        Assert.Contains("10 working days", checks[CheckIds.ListingPeriod].Detail);
        Assert.Equal(CheckStatus.Pass, checks[CheckIds.DealPriceFloor].Status);
        Assert.Contains("1.0139", checks[CheckIds.DealPriceFloor].Detail);
        Assert.Equal(CheckStatus.Pass, checks[CheckIds.ReserveFloor].Status);
        Assert.Equal(CheckStatus.NotApplicable, checks[CheckIds.DepositRatio].Status);
        Assert.Equal(CheckStatus.NotApplicable, checks[CheckIds.Tenderers].Status);
        Assert.Equal(CheckStatus.Pending, checks[CheckIds.NoticeInTime].Status);
        Assert.Equal(CheckStatus.NotApplicable, checks[CheckIds.RefundsInTime].Status);
        Assert.Equal(CheckStatus.NotApplicable, checks[CheckIds.GradeFromTable].Status); // 320505 is not in the table
    }

    [Fact]
    public void R_COM_04_and_R_LST_01_are_judged_against_the_national_minimums_whatever_the_deployment_allowed()
    {
        var hurried = Definition(Publish(startsAt: Now.AddDays(5), endsAt: Now.AddDays(8)), Relaxed);
        var checks = Answer(Record(hurried, Failed()));
        Assert.Equal(CheckStatus.Fail, checks[CheckIds.AnnouncementLead].Status);
        Assert.Contains("5 days", checks[CheckIds.AnnouncementLead].Detail);
        Assert.Equal(CheckStatus.Fail, checks[CheckIds.ListingPeriod].Status);

        var auction = Definition(PublishAuction(), Relaxed);
        Assert.Equal(CheckStatus.NotApplicable, Answer(Record(auction, Failed()))[CheckIds.ListingPeriod].Status);

        var beyondTheCalendar = Definition(Publish(startsAt: China("2027-12-01T09:00"), endsAt: China("2028-01-10T09:00")), Relaxed);
        var pending = Answer(Record(beyondTheCalendar, Failed() with { ClosedAt = China("2028-01-10T09:00") }))[CheckIds.ListingPeriod];
        Assert.Equal(CheckStatus.Pending, pending.Status);
        Assert.Contains("does not cover", pending.Detail);
    }

    [Fact]
    public void A_failed_listings_floor_check_is_not_applicable_never_a_pass_and_a_deal_below_the_floor_fails()
    {
        var d = Definition(Publish());
        Assert.Equal(CheckStatus.NotApplicable, Answer(Record(d, Failed()))[CheckIds.DealPriceFloor].Status);
        Assert.Equal(CheckStatus.Fail, Answer(Record(d, Sold(14_000_000m)))[CheckIds.DealPriceFloor].Status);
        // R-IND-09: a reserve below the floor fails; without a reserve the starting price must respect it.
        Assert.Equal(CheckStatus.Fail, Answer(Record(d, Failed(), reserve: 14_000_000m))[CheckIds.ReserveFloor].Status);
        Assert.Equal(CheckStatus.Pass, Answer(Record(d, Failed()))[CheckIds.ReserveFloor].Status);
        Assert.Equal(CheckStatus.NotApplicable, Answer(Record(Definition(Publish(parcel: CommercialParcel())), Sold(20_000_000m)))[CheckIds.DealPriceFloor].Status);
    }

    [Theory]
    [InlineData(LandUse.Residential, 2_900_000, CheckStatus.Pass)]
    [InlineData(LandUse.Commercial, 2_899_999, CheckStatus.Fail)]
    [InlineData(LandUse.Mixed, 1_000_000, CheckStatus.Fail)]
    [InlineData(LandUse.Other, 1_000_000, CheckStatus.NotApplicable)]
    public void R_COM_09_real_estate_land_needs_a_deposit_of_20_percent_of_the_starting_price(LandUse use, int deposit, CheckStatus expected)
    {
        var parcel = CommercialParcel() with { Use = use, TermYears = 40 };
        var d = Definition(Publish(parcel: parcel) with { Deposit = deposit }, Relaxed);
        Assert.Equal(expected, Answer(Record(d, Failed()))[CheckIds.DepositRatio].Status);
    }

    [Fact]
    public void R_COM_14_the_notice_is_pending_until_its_due_date_then_failed_and_passes_when_published_in_time()
    {
        var d = Definition(Publish());
        var due = AfterSaleDeadlines.Notice(WorkingDayCalendar.China, ClosedAt).DueBy!.Value;
        Assert.Equal(CheckStatus.Pending, Answer(Record(d, Failed()), now: due.AddTicks(-1))[CheckIds.NoticeInTime].Status);
        Assert.Equal(CheckStatus.Fail, Answer(Record(d, Failed()), now: due)[CheckIds.NoticeInTime].Status);
        Assert.Equal(CheckStatus.Pass, Answer(Record(d, Failed(), null, Event("noticePublished", due.AddHours(-1))), now: due.AddDays(30))[CheckIds.NoticeInTime].Status);
        var late = Answer(Record(d, Failed(), null, Event("noticePublished", due)), now: due.AddDays(30))[CheckIds.NoticeInTime];
        Assert.Equal(CheckStatus.Fail, late.Status);
        Assert.Contains("late", late.Detail);
    }

    [Fact]
    public void R_COM_10_refunds_are_pending_until_due_pass_when_in_time_and_fail_when_late_or_overdue()
    {
        var d = Definition(Publish());
        var record = Record(d, Sold(14_600_000m));
        var end = new SaleEnd(ClosedAt, "001");
        var submitted = new ApplicationSubmitted("APP-2", "beta", "Beta Co.", "6222000000002", "apply", 100m, Start);
        var credit = new DepositCredited("APP-2", "6222000000002", 100m, "txn", Start.AddHours(-1), true, Start.AddHours(-1));
        var due = AfterSaleDeadlines.Refund(WorkingDayCalendar.China, ClosedAt).DueBy!.Value;
        Outcome<IReadOnlyList<DepositPosition>> Deposits(DateTimeOffset now, params DepositRefunded[] refunds) =>
            Outcome<IReadOnlyList<DepositPosition>>.Success([DepositPositions.Of(new DepositLedger(submitted, "002", [credit], refunds), end, WorkingDayCalendar.China, now)]);
        DepositRefunded Refund(DateTimeOffset at) => new("APP-2", "6222000000002", 100m, $"ref-{at.Ticks}", at, at);

        Assert.Equal(CheckStatus.Pending, Answer(record, Deposits(ClosedAt.AddDays(1)))[CheckIds.RefundsInTime].Status);
        Assert.Equal(CheckStatus.Fail, Answer(record, Deposits(due))[CheckIds.RefundsInTime].Status);
        Assert.Equal(CheckStatus.Pass, Answer(record, Deposits(due.AddDays(9), Refund(due.AddHours(-1))))[CheckIds.RefundsInTime].Status);
        Assert.Equal(CheckStatus.Fail, Answer(record, Deposits(due.AddDays(9), Refund(due.AddHours(1))))[CheckIds.RefundsInTime].Status);
        var unreadable = Answer(record, new Rejection(RejectionCodes.StoreUnavailable, "the store did not answer"))[CheckIds.RefundsInTime];
        Assert.Equal(CheckStatus.Pending, unreadable.Status);
        Assert.Contains("STORE_UNAVAILABLE", unreadable.Detail);
    }

    [Fact]
    public void R_TEN_04_reads_a_tenders_record_opening_and_count_and_does_not_apply_to_other_methods()
    {
        var tender = Definition(PublishAuction(), Relaxed) with { Method = GrantMethod.Tender, Tender = new TenderTerms(TenderEvaluation.HighestPrice, 1) };
        static RecordEvent Recorded(ListingEvent evt) => Event(JournalJson.TypeName(evt), ClosedAt, JournalJson.Serialize(evt));
        static TendersOpened Opened(int count) => new("tenders", "head", ClosedAt, Enumerable.Range(1, count)
            .Select(i => new OpenedTender($"00{i}", $"bidder-{i}", $"Bidder {i}", 14_600_000m + i, ClosedAt.AddHours(-i), null, "salt", "commitment", true, null, i, "hash"))
            .ToArray());

        var three = Answer(Record(tender, Sold(14_600_003m), null, Recorded(Opened(3))))[CheckIds.Tenderers];
        Assert.Equal(CheckStatus.Pass, three.Status);
        // The tender itself may set a lower minimum; the national rule still wants three (R-TEN-04).
        var two = Answer(Record(tender, Sold(14_600_002m), null, Recorded(Opened(2))))[CheckIds.Tenderers];
        Assert.Equal(CheckStatus.Fail, two.Status);
        Assert.Contains("the tender set 1", two.Detail);
        var tooFew = Answer(Record(tender with { Tender = new TenderTerms(TenderEvaluation.HighestPrice, 3) }, Failed(FailureReason.TooFewTenderers), null,
            Recorded(new TendersCounted("tenders", "head", ClosedAt, 2))))[CheckIds.Tenderers];
        Assert.Equal(CheckStatus.Pass, tooFew.Status);
        Assert.Contains("2 tenders (minimum 3)", tooFew.Detail);
        Assert.Equal(CheckStatus.NotApplicable, Answer(Record(tender, Failed(FailureReason.Terminated)))[CheckIds.Tenderers].Status);
        Assert.Equal(CheckStatus.NotApplicable, Answer(Record(Definition(Publish()), Failed()))[CheckIds.Tenderers].Status);
    }

    [Fact]
    public void R_IND_GRADE_a_declared_grade_the_county_table_contradicts_fails_and_one_it_confirms_passes()
    {
        // Published before the table existed: a grade 7 parcel in Xuhui, Shanghai (grade 1).
        var d = Definition(Publish()) with { Parcel = IndustrialParcel(grade: 7) with { CountyCode = "310104" } };
        var mismatch = Answer(Record(d, Failed()))[CheckIds.GradeFromTable];
        Assert.Equal(CheckStatus.Fail, mismatch.Status);
        Assert.Contains("grade 1", mismatch.Detail);
        var confirmed = d with { Parcel = IndustrialParcel(grade: 1) with { CountyCode = "310103" } }; // Luwan → Huangpu
        Assert.Equal(CheckStatus.Pass, Answer(Record(confirmed, Failed()))[CheckIds.GradeFromTable].Status);
    }

    [Fact]
    public void The_industrial_price_distribution_counts_bunching_at_the_floor_in_buckets_of_5_percent()
    {
        var distribution = IndustrialPriceDistribution.Of([1.00m, 1.0499m, 1.05m, 1.9999m, 2.00m, 3.5m]);
        Assert.Equal((6, 1, 3), (distribution.Count, distribution.AtFloor, distribution.Within5Percent));
        Assert.Equal(21, distribution.Buckets.Count);
        Assert.Equal((1.00m, (decimal?)1.05m, 2), (distribution.Buckets[0].From, distribution.Buckets[0].To, distribution.Buckets[0].Count));
        Assert.Equal(1, distribution.Buckets[1].Count);
        Assert.Equal((1.95m, (decimal?)2.00m, 1), (distribution.Buckets[19].From, distribution.Buckets[19].To, distribution.Buckets[19].Count));
        Assert.Equal((2.00m, (decimal?)null, 2), (distribution.Buckets[20].From, distribution.Buckets[20].To, distribution.Buckets[20].Count));

        var below = IndustrialPriceDistribution.Of([0.98m, 1.02m]);
        Assert.Equal((0m, (decimal?)1.00m, 1), (below.Buckets[0].From, below.Buckets[0].To, below.Buckets[0].Count));
        Assert.Equal((22, 2), (below.Buckets.Count, below.Within5Percent));
    }
}
