using System.Globalization;
using Auction.Contracts.Listings;
using Auction.Silo.Methods;
using Auction.Silo.Listing;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;

namespace Auction.Rules.Tests;

/// <summary>Shared builders for the rule tests: a valid industrial listing in 2026 (covered by the holiday calendar).</summary>
internal static class TestListings
{
    /// <summary>2026-03-02 09:00 China time.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Now + 21 days: 2026-03-23 09:00 China time (a Monday).</summary>
    public static readonly DateTimeOffset Start = Now.AddDays(21);

    /// <summary>Start + 14 days: 2026-04-06 09:00 China time; 23 Mar..6 Apr holds exactly 10 working days (Qingming 4–6 Apr).</summary>
    public static readonly DateTimeOffset End = Start.AddDays(14);

    public const decimal StartingPrice = 14_500_000m;
    public const decimal Increment = 100_000m;
    public const decimal Deposit = 2_900_000m;

    /// <summary>Grade 7 × 50,000 m² × 1.0 = 288 × 50,000 (DOMAIN §8.5 worked example).</summary>
    public const decimal NormalFloorGrade7 = 14_400_000m;

    public static Parcel IndustrialParcel(int? grade = 7, IndustrialCategory? category = null, decimal areaM2 = 50_000m) =>
        new("P-2026-001", "Industrial park, lot 7", "320505", LandUse.Industrial, areaM2, 50, null, grade, category);

    public static Parcel CommercialParcel() =>
        new("P-2026-002", "High street 1", "320505", LandUse.Commercial, 8_000m, 40, new PlotRatioRange(1.0m, 2.5m), null, null);

    public static PublishListing Publish(
        Parcel? parcel = null,
        decimal startingPrice = StartingPrice,
        decimal? reserve = null,
        DateTimeOffset? startsAt = null,
        DateTimeOffset? endsAt = null,
        TimedBiddingTerms? timed = null) =>
        new(
            RequestId: "pub-1",
            CentreId: "centre-sz",
            Actor: "grantor-1",
            Parcel: parcel ?? IndustrialParcel(),
            Method: GrantMethod.Listing,
            AnnouncedAt: Now,
            BiddingStartsAt: startsAt ?? Start,
            BiddingEndsAt: endsAt ?? End,
            ApplicationDeadline: null,
            DepositDeadline: null,
            StartingPrice: startingPrice,
            Increment: Increment,
            IncrementRule: IncrementRule.AtLeastOneStep,
            Deposit: Deposit,
            ReservePrice: reserve,
            TimedBidding: timed ?? TimedBiddingTerms.JiangsuDefault);

    /// <summary>An auction of the industrial parcel starting at <see cref="Start"/> (no <c>biddingEndsAt</c>, no timed bidding).</summary>
    public static PublishListing PublishAuction(AuctionTerms? terms = null, decimal? reserve = null, IncrementRule rule = IncrementRule.AtLeastOneStep, DateTimeOffset? startsAt = null) =>
        Publish(reserve: reserve, startsAt: startsAt, timed: TimedBiddingTerms.None) with
        {
            Method = GrantMethod.Auction,
            BiddingEndsAt = null,
            IncrementRule = rule,
            Auction = terms ?? AuctionTerms.Default,
        };

    /// <summary>A tender of the industrial parcel: the box opens at <see cref="Start"/>, the opening is at <see cref="End"/>.</summary>
    public static PublishListing PublishTender(TenderTerms? terms = null, decimal? reserve = null, Parcel? parcel = null, decimal startingPrice = StartingPrice) =>
        Publish(parcel: parcel, startingPrice: startingPrice, reserve: reserve, timed: TimedBiddingTerms.None) with { Method = GrantMethod.Tender, Tender = terms };

    /// <summary>A comprehensive tender's terms: a committee of 5, 40 points for price, two criteria of 30 (R-TEN-05).</summary>
    public static TenderTerms ComprehensiveTerms(int minTenderers = 3) =>
        new(TenderEvaluation.Comprehensive, minTenderers, 5, 40m, [new("plan", "Development plan", 30m), new("industry", "Industry and investment", 30m)]);

    /// <summary>Before an auction's default deposit deadline (its start − 2 days).</summary>
    public static readonly DateTimeOffset BeforeAuctionDeadline = Start.AddDays(-3);

    public static PublicationRules Publication(ListingRuleSettings? settings = null) =>
        new(settings ?? new ListingRuleSettings(), WorkingDayCalendar.China);

    /// <summary>Publication minimums all at 0 (announcement, listing period, application lead, deposit ratio): for tests of what follows.</summary>
    public static readonly ListingRuleSettings Relaxed = new() { MinAnnouncementDays = 0, MinListingWorkingDays = 0, MinApplicationLeadHours = 0, MinDepositRatio = 0 };

    /// <summary>The engine the grain runs, publishing under <see cref="Relaxed"/> minimums.</summary>
    public static readonly ListingEngine RelaxedEngine = new(Publication(Relaxed), new ListingRuleSettings());

    /// <summary>Validates a publication with the rules of its own method, as the engine does.</summary>
    public static (ListingDefinition? Definition, Contracts.Common.Rejection? Rejection) Validate(this PublicationRules rules, string listingId, PublishListing command, DateTimeOffset now) =>
        rules.Validate(listingId, command, now, GrantMethods.Standard.For(command.Method)!);

    public static decimal Dec(string value) => decimal.Parse(value, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    /// <summary>An instant given in China local time (UTC+8), e.g. "2026-09-28T09:00".</summary>
    public static DateTimeOffset China(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), ChinaTime.Offset);
}
