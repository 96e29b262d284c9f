using System.Globalization;
using System.Text.Json;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Methods.Tender;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using Auction.Silo.Rules.Grades;

namespace Auction.Silo.Compliance;

/// <summary>
/// The regulator's checklist of a closed sale (DOMAIN §9.2, API.md "Regulator compliance"): one method per check id,
/// each judged from what the record holds (the definition, the events, the reserve, the result), the deposit positions
/// and server time, against the national rules — not the deployment's publication settings, which a demo or a test may
/// lower. Pure.
/// </summary>
public sealed class ComplianceChecks(WorkingDayCalendar calendar, CountyGradeTable grades)
{
    /// <summary>R-COM-04: 20 calendar days from announcement to the start (Order 39 Art. 8).</summary>
    public const int MinAnnouncementDays = 20;

    /// <summary>R-LST-01: a listing period of 10 working days.</summary>
    public const int MinListingWorkingDays = 10;

    /// <summary>R-COM-09: real-estate land's deposit is at least 20 % (2010 notice).</summary>
    public const decimal MinDepositRatio = 0.20m;

    /// <summary>R-TEN-04: fewer than 3 tenderers and the tender must be terminated.</summary>
    public const int MinTenderers = 3;

    /// <summary>
    /// Every check of a sale that has ended (<paramref name="record"/> has a result). <paramref name="deposits"/> is the
    /// registration's answer; when it failed, the refund check is pending with the reason.
    /// </summary>
    public IReadOnlyList<ComplianceCheck> For(RegulatorRecord record, Outcome<IReadOnlyList<DepositPosition>> deposits, DateTimeOffset now)
    {
        var d = record.Definition ?? throw new ArgumentException("the record has no definition", nameof(record));
        var result = record.Result ?? throw new ArgumentException("the sale has not ended", nameof(record));
        return
        [
            AnnouncementLead(d),
            ListingPeriod(d),
            DealPrice(record.Floor, result),
            Reserve(record.Floor, record.ReservePrice, d.StartingPrice),
            DepositRatio(d),
            Tenderers(d, record.Events, result),
            Notice(record.Events, result, now),
            Refunds(deposits),
            Grade(d.Parcel),
        ];
    }

    private static ComplianceCheck AnnouncementLead(ListingDefinition d)
    {
        var lead = d.BiddingStartsAt - d.AnnouncedAt;
        var text = $"announced {Time(d.AnnouncedAt)}, bidding started {Time(d.BiddingStartsAt)}: {lead.TotalDays:0.##} days (at least {MinAnnouncementDays})";
        return Check(CheckIds.AnnouncementLead, lead >= TimeSpan.FromDays(MinAnnouncementDays), text);
    }

    private ComplianceCheck ListingPeriod(ListingDefinition d)
    {
        if (d.Method != GrantMethod.Listing || d.BiddingEndsAt is not { } endsAt)
            return NotApplicable(CheckIds.ListingPeriod, $"a {Camel(d.Method)} has no listing period");
        var (first, last) = (ChinaTime.LocalDate(d.BiddingStartsAt), ChinaTime.LocalDate(endsAt));
        if (!calendar.TryCountWorkingDays(first, last, out var days))
            return new ComplianceCheck(CheckIds.ListingPeriod, CheckStatus.Pending,
                $"the holiday calendar does not cover {first:yyyy-MM-dd}..{last:yyyy-MM-dd} (covered: {string.Join(", ", calendar.CoveredYears)}), so its working days cannot be counted yet");
        return Check(CheckIds.ListingPeriod, days >= MinListingWorkingDays,
            $"listed {first:yyyy-MM-dd}..{last:yyyy-MM-dd} (China dates): {days} working days (at least {MinListingWorkingDays})");
    }

    private static ComplianceCheck DealPrice(FloorComputation? floor, ListingResult result) => DealPriceFloor.Check(floor, result.Price) switch
    {
        null => NotApplicable(CheckIds.DealPriceFloor, "no industrial floor: not industrial or warehouse land"),
        { Status: CheckStatus.NotApplicable } => NotApplicable(CheckIds.DealPriceFloor, $"no deal price: the sale failed ({Camel(result.Reason ?? FailureReason.NoBids)})"),
        var v => new ComplianceCheck(CheckIds.DealPriceFloor, v.Status,
            $"deal price {Money(v.Price!.Value)} against the floor {Money(v.Floor)}: ratio {v.Ratio!.Value:0.0000}" + (v.Status == CheckStatus.Fail ? " — below the national minimum (R-IND-05: an illegal low-price grant)" : "")),
    };

    /// <summary>R-IND-09a: a reserve is at or above the floor; without one the floor binds the starting price (R-IND-09c).</summary>
    private static ComplianceCheck Reserve(FloorComputation? floor, decimal? reserve, decimal startingPrice)
    {
        if (floor is null) return NotApplicable(CheckIds.ReserveFloor, "no industrial floor: not industrial or warehouse land");
        return reserve is { } r
            ? Check(CheckIds.ReserveFloor, r >= floor.Total, $"reserve {Money(r)} against the floor {Money(floor.Total)}")
            : Check(CheckIds.ReserveFloor, startingPrice >= floor.Total, $"no reserve; the starting price {Money(startingPrice)} against the floor {Money(floor.Total)}");
    }

    private static ComplianceCheck DepositRatio(ListingDefinition d)
    {
        if (d.Parcel.Use is not (LandUse.Commercial or LandUse.Residential or LandUse.Mixed))
            return NotApplicable(CheckIds.DepositRatio, $"{Camel(d.Parcel.Use)} land is not real-estate land");
        var ratio = d.Deposit / d.StartingPrice;
        return Check(CheckIds.DepositRatio, ratio >= MinDepositRatio,
            $"deposit {Money(d.Deposit)} is {ratio * 100:0.##} % of the starting price {Money(d.StartingPrice)} (at least {MinDepositRatio * 100:0} %)");
    }

    /// <summary>
    /// R-TEN-04, read from what a tender's record holds: the opening (<c>tendersOpened</c> with its tenders), or the count of
    /// a box too small to open (<c>tendersCounted</c>, then <c>closed</c> with <c>tooFewTenderers</c>); the tender's own
    /// minimum is the published one. Other methods have no tenderers.
    /// </summary>
    private static ComplianceCheck Tenderers(ListingDefinition d, IReadOnlyList<RecordEvent> events, ListingResult result)
    {
        if (d.Method != GrantMethod.Tender) return NotApplicable(CheckIds.Tenderers, $"a {Camel(d.Method)} has no tenderers");
        var minimum = d.Tender?.MinTenderers ?? MinTenderers;
        var opening = events.Where(e => e.Type is "tendersOpened" or "tendersCounted").Select(e => Event(e.Data)).FirstOrDefault(e => e is not null);
        switch (opening)
        {
            case TendersOpened { Tenders.Count: var count } when count >= MinTenderers:
                return new ComplianceCheck(CheckIds.Tenderers, CheckStatus.Pass, $"{count} tenders were opened (at least {MinTenderers})");
            case TendersOpened { Tenders.Count: var count }:
                return new ComplianceCheck(CheckIds.Tenderers, CheckStatus.Fail,
                    $"the box was opened with {count} tenders (the tender set {minimum}); with fewer than {MinTenderers} the tender must be terminated");
            case TendersCounted counted:
                return new ComplianceCheck(CheckIds.Tenderers, CheckStatus.Pass,
                    $"{counted.Count} tenders (minimum {minimum}): the tender failed without an opening, as R-TEN-04 requires");
        }
        return result.Reason == FailureReason.TooFewTenderers
            ? new ComplianceCheck(CheckIds.Tenderers, CheckStatus.Pass, $"too few tenders (minimum {minimum}): the tender failed without an opening, as R-TEN-04 requires")
            : NotApplicable(CheckIds.Tenderers, $"no tender opening is recorded (the sale ended {Camel(result.Reason ?? FailureReason.Terminated)})");
    }

    private ComplianceCheck Notice(IReadOnlyList<RecordEvent> events, ListingResult result, DateTimeOffset now)
    {
        var due = AfterSaleDeadlines.Notice(calendar, result.ClosedAt);
        var published = events.FirstOrDefault(e => e.Type == "noticePublished")?.At;
        if (due.DueBy is not { } dueBy)
            return new ComplianceCheck(CheckIds.NoticeInTime, CheckStatus.Pending,
                (published is { } p ? $"published {Time(p)}, but " : "not published; ") + $"its due date cannot be computed: {due.Problem}");
        var dueText = $"due by the end of {due.DueDate:yyyy-MM-dd} (China time, 10 working days after the close {Time(result.ClosedAt)})";
        return published switch
        {
            { } at when at < dueBy => new ComplianceCheck(CheckIds.NoticeInTime, CheckStatus.Pass, $"published {Time(at)}, {dueText}"),
            { } at => new ComplianceCheck(CheckIds.NoticeInTime, CheckStatus.Fail, $"published late, {Time(at)}; it was {dueText}"),
            null when now >= dueBy => new ComplianceCheck(CheckIds.NoticeInTime, CheckStatus.Fail, $"not published; it was {dueText}"),
            null => new ComplianceCheck(CheckIds.NoticeInTime, CheckStatus.Pending, $"not published yet; {dueText}"),
        };
    }

    private static ComplianceCheck Refunds(Outcome<IReadOnlyList<DepositPosition>> deposits)
    {
        if (!deposits.IsSuccess)
            return new ComplianceCheck(CheckIds.RefundsInTime, CheckStatus.Pending, $"the deposits could not be read ({deposits.Rejection!.Code}): {deposits.Rejection.Message}");
        var due = deposits.Value!.Where(p => p.Timeliness != RefundTimeliness.NothingDue).ToArray();
        if (due.Length == 0) return NotApplicable(CheckIds.RefundsInTime, "no deposit is due back (no other application paid anything)");
        string Who(RefundTimeliness t) => string.Join(", ", due.Where(p => p.Timeliness == t).Select(p => $"{p.BidderName}{(p.BidderNo is null ? "" : $" ({p.BidderNo})")}"));
        var dates = string.Join(", ", due.Where(p => p.RefundDueBy is not null).Select(p => Time(p.RefundDueBy!.Value)).Distinct());
        if (due.Any(p => p.Timeliness == RefundTimeliness.Overdue))
            return new ComplianceCheck(CheckIds.RefundsInTime, CheckStatus.Fail, $"overdue, not refunded within 5 working days: {Who(RefundTimeliness.Overdue)}");
        if (due.Any(p => p.Timeliness == RefundTimeliness.Late))
            return new ComplianceCheck(CheckIds.RefundsInTime, CheckStatus.Fail, $"refunded after the 5 working days: {Who(RefundTimeliness.Late)}");
        if (due.FirstOrDefault(p => p.Timeliness == RefundTimeliness.Unknown) is { } unknown)
            return new ComplianceCheck(CheckIds.RefundsInTime, CheckStatus.Pending, $"a refund's due date cannot be computed: {unknown.RefundDueByProblem}");
        if (due.Any(p => p.Timeliness == RefundTimeliness.Pending))
            return new ComplianceCheck(CheckIds.RefundsInTime, CheckStatus.Pending, $"{due.Count(p => p.Refundable > 0)} deposit(s) still due back, by {dates}: {Who(RefundTimeliness.Pending)}");
        return new ComplianceCheck(CheckIds.RefundsInTime, CheckStatus.Pass, $"all {due.Length} deposit(s) due back were refunded within 5 working days");
    }

    private ComplianceCheck Grade(Parcel parcel)
    {
        var verdict = grades.Judge(parcel);
        return verdict switch
        {
            { Source: null } => NotApplicable(CheckIds.GradeFromTable, $"{Camel(parcel.Use)} land has no industrial grade"),
            { County: null } => NotApplicable(CheckIds.GradeFromTable, $"county {parcel.CountyCode} is not in the shipped table; the declared grade {parcel.LandGrade} stands"),
            { IsMismatch: true, County: var county } => new ComplianceCheck(CheckIds.GradeFromTable, CheckStatus.Fail,
                $"declared grade {parcel.LandGrade}, but the table gives {county!.Name} ({county.Code}) grade {county.Grade}"),
            { County: var county } => new ComplianceCheck(CheckIds.GradeFromTable, CheckStatus.Pass, $"grade {parcel.LandGrade}, as the table gives {county!.Name} ({county.Code})"),
        };
    }

    private static ComplianceCheck Check(string rule, bool holds, string detail) => new(rule, holds ? CheckStatus.Pass : CheckStatus.Fail, detail);

    private static ComplianceCheck NotApplicable(string rule, string detail) => new(rule, CheckStatus.NotApplicable, detail);

    /// <summary>A listing event of the record, or null when its data does not read as one (the verifier reports that).</summary>
    private static ListingEvent? Event(string data)
    {
        try
        {
            return JournalJson.Deserialize<ListingEvent>(data);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private static string Camel<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string Money(decimal amount) => amount.ToString("#,##0.##", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset instant) => instant.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
