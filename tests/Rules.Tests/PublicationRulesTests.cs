using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Rules;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests;

/// <summary>Publication checks: R-COM-04, R-LST-01/02, R-CONV-2, R-COM-07, R-IND-03/09, §10.5 and field validation.</summary>
public sealed class PublicationRulesTests
{
    private static (ListingDefinition? Definition, Rejection? Rejection) Validate(PublishListing command, ListingRuleSettings? settings = null, DateTimeOffset? now = null) =>
        Publication(settings).Validate("L-1", command, now ?? Now);

    private static Rejection Rejected(PublishListing command, string code, ListingRuleSettings? settings = null, DateTimeOffset? now = null)
    {
        var (definition, rejection) = Validate(command, settings, now);
        Assert.Null(definition);
        Assert.NotNull(rejection);
        Assert.Equal(code, rejection.Code);
        return rejection;
    }

    private static ListingDefinition Accepted(PublishListing command, ListingRuleSettings? settings = null, DateTimeOffset? now = null)
    {
        var (definition, rejection) = Validate(command, settings, now);
        Assert.True(rejection is null, $"{rejection?.Code}: {rejection?.Message} {string.Join("; ", rejection?.Errors?.Select(e => e.Key) ?? [])}");
        Assert.NotNull(definition);
        return definition;
    }

    [Fact]
    public void R_LST_02_valid_listing_resolves_defaults()
    {
        var definition = Accepted(Publish());

        Assert.Equal("L-1", definition.ListingId);
        Assert.Equal("centre-sz", definition.CentreId);
        Assert.Equal(GrantMethod.Listing, definition.Method);
        Assert.Equal(Now, definition.AnnouncedAt);
        Assert.Equal(Start, definition.BiddingStartsAt);
        Assert.Equal(End, definition.BiddingEndsAt);
        Assert.Equal(End.AddDays(-2), definition.ApplicationDeadline); // R-LST-02
        Assert.Equal(definition.ApplicationDeadline, definition.DepositDeadline);
        Assert.Equal(StartingPrice, definition.StartingPrice);
        Assert.Equal(Increment, definition.Increment);
        Assert.Equal(Deposit, definition.Deposit);
        Assert.Equal(TimedBiddingTerms.JiangsuDefault, definition.TimedBidding);
        Assert.Equal(IndustrialCategory.Normal, definition.Parcel.IndustrialCategory);
        Assert.NotNull(definition.Floor);
        Assert.Equal(NormalFloorGrade7, definition.Floor.Total);
        Assert.Equal(7, definition.Floor.Grade);
    }

    [Fact]
    public void R_LST_02_announced_at_defaults_to_now()
    {
        var definition = Accepted(Publish() with { AnnouncedAt = null });
        Assert.Equal(Now, definition.AnnouncedAt);
    }

    [Fact]
    public void R_LST_02_explicit_deadlines_are_kept()
    {
        var application = End.AddDays(-5);
        var deposit = End.AddDays(-3);
        var definition = Accepted(Publish() with { ApplicationDeadline = application, DepositDeadline = deposit });
        Assert.Equal(application, definition.ApplicationDeadline);
        Assert.Equal(deposit, definition.DepositDeadline);
    }

    // R-COM-04 / R-CONV-1: "不少于20日" is ≥ 20 calendar days.
    [Theory]
    [InlineData(19 * 24 * 60, false)]
    [InlineData(20 * 24 * 60 - 1, false)]
    [InlineData(20 * 24 * 60, true)]
    [InlineData(21 * 24 * 60, true)]
    public void R_COM_04_announcement_lead_at_least_20_calendar_days(int leadMinutes, bool accepted)
    {
        var command = Publish(startsAt: Now.AddMinutes(leadMinutes), endsAt: End);
        if (accepted) Accepted(command);
        else Rejected(command, RejectionCodes.AnnouncementTooShort);
    }

    // R-LST-01 / R-CONV-2: the listing period is counted in working days on the State Council calendar.
    // 2026 National Day 1–7 Oct is a holiday, Sat 10 Oct is a make-up working day.
    [Theory]
    [InlineData("2026-09-28T09:00", "2026-10-09T15:00", false)] // 12 calendar days, 5 working days
    [InlineData("2026-09-28T09:00", "2026-10-12T15:00", false)] // 15 calendar days, 7 working days (incl. 10 Oct)
    [InlineData("2026-09-28T09:00", "2026-10-14T15:00", false)] // 17 calendar days, 9 working days
    [InlineData("2026-09-28T09:00", "2026-10-15T15:00", true)]  // exactly 10 working days
    [InlineData("2026-03-23T09:00", "2026-04-03T15:00", true)]  // 12 calendar days, 10 working days, no holiday
    [InlineData("2026-03-23T09:00", "2026-04-02T15:00", false)] // 9 working days
    public void R_LST_01_listing_period_at_least_10_working_days_across_holidays(string startLocal, string endLocal, bool accepted)
    {
        var now = China("2026-09-01T09:00");
        if (startLocal.StartsWith("2026-03", StringComparison.Ordinal)) now = Now;
        var command = Publish(startsAt: China(startLocal), endsAt: China(endLocal)) with { AnnouncedAt = now };
        if (accepted) Accepted(command, now: now);
        else Rejected(command, RejectionCodes.ListingPeriodTooShort, now: now);
    }

    [Fact]
    public void R_LST_01_working_days_use_the_china_date_not_the_utc_date()
    {
        // Ends 2026-04-02 23:30 UTC = 2026-04-03 07:30 China time: 23 Mar .. 3 Apr holds 10 working days.
        var command = Publish(startsAt: China("2026-03-23T09:00"), endsAt: new DateTimeOffset(2026, 4, 2, 23, 30, 0, TimeSpan.Zero));
        Accepted(command);
    }

    [Fact]
    public void R_COM_04_R_LST_01_lowered_settings_accept_a_one_hour_listing()
    {
        var settings = new ListingRuleSettings { MinAnnouncementDays = 0, MinListingWorkingDays = 0, MinApplicationLeadHours = 0 };
        var start = Now.AddMinutes(5);
        var end = start.AddHours(1);
        var command = Publish(startsAt: start, endsAt: end) with { ApplicationDeadline = end.AddMinutes(-10) };

        var definition = Accepted(command, settings);
        Assert.Equal(end, definition.BiddingEndsAt);
        Assert.Equal(end.AddMinutes(-10), definition.DepositDeadline);

        // Same listing under the production announcement minimum is refused.
        Rejected(command, RejectionCodes.AnnouncementTooShort, new ListingRuleSettings { MinApplicationLeadHours = 0 });
    }

    [Fact]
    public void R_CONV_2_year_not_covered_by_the_holiday_calendar_is_refused()
    {
        var now = new DateTimeOffset(2031, 3, 3, 1, 0, 0, TimeSpan.Zero);
        var start = now.AddDays(21);
        var command = Publish(startsAt: start, endsAt: start.AddDays(14)) with { AnnouncedAt = now };

        var rejection = Rejected(command, RejectionCodes.CalendarNotCovered, now: now);
        Assert.Contains("2026", rejection.Message, StringComparison.Ordinal);
    }

    // R-IND-03 / R-IND-09(c): starting price below the floor only with a reserve ≥ floor.
    [Theory]
    [InlineData("14000000", null, RejectionCodes.FloorViolation)]
    [InlineData("14399999.99", null, RejectionCodes.FloorViolation)]
    [InlineData("14400000", null, null)]
    [InlineData("14000000", "14400000", null)]
    [InlineData("14000000", "15000000", null)]
    [InlineData("14000000", "14300000", RejectionCodes.FloorViolation)]
    [InlineData("14500000", "14400000", RejectionCodes.ReserveBelowStart)]
    [InlineData("14500000", "14500000", null)]
    public void R_IND_03_R_IND_09_R_COM_07_starting_price_and_reserve_against_floor(string start, string? reserve, string? expectedCode)
    {
        var command = Publish(startingPrice: Dec(start), reserve: reserve is null ? null : Dec(reserve));
        if (expectedCode is null)
        {
            Accepted(command);
            return;
        }

        var rejection = Rejected(command, expectedCode);
        if (expectedCode == RejectionCodes.FloorViolation)
        {
            Assert.NotNull(rejection.Floor);
            Assert.Equal(NormalFloorGrade7, rejection.Floor.Total);
            Assert.Equal(7, rejection.Floor.Grade);
        }
    }

    public static TheoryData<string, string> InvalidFields => new()
    {
        { "startingPrice zero", "startingPrice" },
        { "startingPrice negative", "startingPrice" },
        { "startingPrice 3 decimals", "startingPrice" },
        { "increment zero", "increment" },
        { "deposit zero", "deposit" },
        { "reserve 3 decimals", "reservePrice" },
        { "industrial without grade", "parcel.landGrade" },
        { "warehouse without grade", "parcel.landGrade" },
        { "grade 16", "parcel.landGrade" },
        { "grade 0", "parcel.landGrade" },
        { "residential term 71", "parcel.termYears" },
        { "commercial term 41", "parcel.termYears" },
        { "industrial term 51", "parcel.termYears" },
        { "term 0", "parcel.termYears" },
        { "countyCode 12", "parcel.countyCode" },
        { "countyCode letters", "parcel.countyCode" },
        { "area 3 decimals", "parcel.areaM2" },
        { "area zero", "parcel.areaM2" },
        { "category on commercial", "parcel.industrialCategory" },
        { "auction with biddingEndsAt", "biddingEndsAt" },
        { "auction with timed bidding", "timedBidding" },
        { "requestId 65 chars", "requestId" },
        { "requestId empty", "requestId" },
        { "centre empty", "centre" },
        { "ends before start", "biddingEndsAt" },
        { "ends in the past", "biddingEndsAt" },
        { "starts before announcement", "biddingStartsAt" },
        { "announced in the future", "announcedAt" },
        { "announcement backdated", "announcedAt" },
        { "application deadline after end", "applicationDeadline" },
        { "deposit deadline before application deadline", "depositDeadline" },
        { "timed bidding missing", "timedBidding" },
        { "jiangsu with preparation", "timedBidding.preparationSeconds" },
        { "fujian without window", "timedBidding.conversionWindowSeconds" },
        { "countdown 5 s", "timedBidding.countdownSeconds" },
    };

    private static PublishListing Invalid(string name)
    {
        var ok = Publish();
        var parcel = ok.Parcel;
        return name switch
        {
            "startingPrice zero" => ok with { StartingPrice = 0m },
            "startingPrice negative" => ok with { StartingPrice = -1m },
            "startingPrice 3 decimals" => ok with { StartingPrice = 14_500_000.001m },
            "increment zero" => ok with { Increment = 0m },
            "deposit zero" => ok with { Deposit = 0m },
            "reserve 3 decimals" => ok with { ReservePrice = 15_000_000.005m },
            "industrial without grade" => ok with { Parcel = parcel with { LandGrade = null } },
            "warehouse without grade" => ok with { Parcel = parcel with { Use = LandUse.Warehouse, LandGrade = null } },
            "grade 16" => ok with { Parcel = parcel with { LandGrade = 16 } },
            "grade 0" => ok with { Parcel = parcel with { LandGrade = 0 } },
            "residential term 71" => ok with { Parcel = parcel with { Use = LandUse.Residential, LandGrade = null, TermYears = 71 } },
            "commercial term 41" => ok with { Parcel = CommercialParcel() with { TermYears = 41 } },
            "industrial term 51" => ok with { Parcel = parcel with { TermYears = 51 } },
            "term 0" => ok with { Parcel = parcel with { TermYears = 0 } },
            "countyCode 12" => ok with { Parcel = parcel with { CountyCode = "12" } },
            "countyCode letters" => ok with { Parcel = parcel with { CountyCode = "32O505" } },
            "area 3 decimals" => ok with { Parcel = parcel with { AreaM2 = 50_000.001m } },
            "area zero" => ok with { Parcel = parcel with { AreaM2 = 0m } },
            "category on commercial" => ok with { Parcel = CommercialParcel() with { IndustrialCategory = IndustrialCategory.PriorityIntensive } },
            "auction with biddingEndsAt" => ok with { Method = GrantMethod.Auction, TimedBidding = TimedBiddingTerms.None },
            "auction with timed bidding" => ok with { Method = GrantMethod.Auction, BiddingEndsAt = null },
            "requestId 65 chars" => ok with { RequestId = new string('r', 65) },
            "requestId empty" => ok with { RequestId = "" },
            "centre empty" => ok with { CentreId = " " },
            "ends before start" => ok with { BiddingEndsAt = Start.AddHours(-1) },
            "ends in the past" => ok with { BiddingEndsAt = Now.AddHours(-1) },
            "starts before announcement" => ok with { BiddingStartsAt = Now.AddHours(-1) },
            "announced in the future" => ok with { AnnouncedAt = Now.AddHours(1) },
            "announcement backdated" => ok with { AnnouncedAt = Now.AddDays(-3) },
            "application deadline after end" => ok with { ApplicationDeadline = End.AddMinutes(1) },
            "deposit deadline before application deadline" => ok with { DepositDeadline = End.AddDays(-3) },
            "timed bidding missing" => ok with { TimedBidding = null! },
            "jiangsu with preparation" => ok with { TimedBidding = TimedBiddingTerms.JiangsuDefault with { PreparationSeconds = 900 } },
            "fujian without window" => ok with { TimedBidding = TimedBiddingTerms.FujianDefault with { ConversionWindowSeconds = 0 } },
            "countdown 5 s" => ok with { TimedBidding = TimedBiddingTerms.JiangsuDefault with { CountdownSeconds = 5 } },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
        };
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void S10_5_R_CONV_4_invalid_field_is_validation_failed_under_its_key(string @case, string field)
    {
        var rejection = Rejected(Invalid(@case), RejectionCodes.ValidationFailed);
        Assert.NotNull(rejection.Errors);
        Assert.True(rejection.Errors.ContainsKey(field), $"{@case}: expected key '{field}', got [{string.Join(", ", rejection.Errors.Keys)}]");
    }

    [Theory]
    [InlineData(LandUse.Residential, 70)]
    [InlineData(LandUse.Commercial, 40)]
    [InlineData(LandUse.Industrial, 50)]
    [InlineData(LandUse.Warehouse, 50)]
    public void S10_5_maximum_term_by_use_is_accepted(LandUse use, int years)
    {
        Assert.Equal(years, PublicationRules.MaxTermYears(use));
        var parcel = use is LandUse.Industrial or LandUse.Warehouse
            ? IndustrialParcel() with { Use = use, TermYears = years }
            : CommercialParcel() with { Use = use, TermYears = years };
        Accepted(Publish(parcel));
    }

    [Fact]
    public void R_COM_01_commercial_parcel_needs_no_grade_and_has_no_floor()
    {
        var definition = Accepted(Publish(CommercialParcel(), startingPrice: 1_000_000m) with { Deposit = 200_000m, Increment = 10_000m });
        Assert.Null(definition.Floor);
        Assert.Null(definition.Parcel.LandGrade);
        Assert.Null(definition.Parcel.IndustrialCategory);
    }

    [Fact]
    public void R_IND_08_category_is_kept_for_industrial_land()
    {
        var definition = Accepted(Publish(IndustrialParcel(7, IndustrialCategory.PriorityIntensive), startingPrice: 10_100_000m));
        Assert.Equal(IndustrialCategory.PriorityIntensive, definition.Parcel.IndustrialCategory);
        Assert.NotNull(definition.Floor);
        Assert.Equal(10_080_000m, definition.Floor.Total);
    }
}

/// <summary>
/// Deployment rules added in review (issue 13, DOMAIN [L]/[U] as settings): R-LST-02 applications close before bidding
/// ends, R-COM-09 the deposit of real-estate land, R-COM-08 the Jiangsu reserve window.
/// </summary>
public sealed class ReviewedPublicationRulesTests
{
    private static Rejection? Refusal(PublishListing command, ListingRuleSettings? settings = null) =>
        Publication(settings).Validate("L-1", command, Now).Rejection;

    [Theory]
    [InlineData(48, 48, null)]
    [InlineData(47, 48, "applicationDeadline")]
    [InlineData(48, 47, "depositDeadline")]
    [InlineData(72, 48, null)]
    public void R_LST_02_applications_and_deposits_close_at_least_48_hours_before_the_listing_deadline(int applicationHours, int depositHours, string? field)
    {
        // The deposit deadline may not precede the application deadline, so the later of the two is the one that fails.
        var command = Publish() with { ApplicationDeadline = End.AddHours(-Math.Max(applicationHours, depositHours)), DepositDeadline = End.AddHours(-depositHours) };
        if (applicationHours < depositHours) command = command with { ApplicationDeadline = End.AddHours(-applicationHours), DepositDeadline = End.AddHours(-applicationHours) };
        var rejection = Refusal(command);
        if (field is null) Assert.Null(rejection);
        else Assert.Contains(field, rejection!.Errors!.Keys);
    }

    [Fact]
    public void R_LST_02_an_auctions_applications_close_48_hours_before_it_starts_and_the_setting_lowers_it()
    {
        var late = PublishAuction() with { ApplicationDeadline = Start.AddHours(-47), DepositDeadline = Start.AddHours(-47) };
        var rejection = Refusal(late);
        Assert.Equal(RejectionCodes.ValidationFailed, rejection?.Code);
        Assert.Contains("48 hours before biddingStartsAt (R-LST-02)", rejection!.Errors!["applicationDeadline"][0]);
        Assert.Null(Refusal(late, new ListingRuleSettings { MinApplicationLeadHours = 0 }));
        Assert.Null(Refusal(PublishAuction())); // the default deadlines (start − 2 days) are exactly 48 hours
    }

    [Theory]
    [InlineData(LandUse.Commercial, "1599999.99", "deposit")]
    [InlineData(LandUse.Commercial, "1600000", null)]
    [InlineData(LandUse.Residential, "1599999", "deposit")]
    [InlineData(LandUse.Mixed, "1599999", "deposit")]
    [InlineData(LandUse.Other, "100", null)]
    public void R_COM_09_real_estate_land_needs_a_deposit_of_at_least_20_percent_of_the_starting_price(LandUse use, string deposit, string? field)
    {
        var parcel = CommercialParcel() with { Use = use, TermYears = 40 };
        var rejection = Refusal(Publish(parcel: parcel, startingPrice: 8_000_000m) with { Deposit = Dec(deposit) });
        if (field is null) Assert.Null(rejection);
        else Assert.Equal($"must be at least 20% of the starting price (1600000) for {use.ToString().ToLowerInvariant()} land (R-COM-09)", Assert.Single(rejection!.Errors![field]));
    }

    [Fact]
    public void R_COM_09_the_ratio_is_a_setting_and_industrial_land_has_its_floor_instead()
    {
        var tiny = Publish(parcel: CommercialParcel(), startingPrice: 8_000_000m) with { Deposit = 100m };
        Assert.Null(Refusal(tiny, new ListingRuleSettings { MinDepositRatio = 0 }));
        Assert.Null(Refusal(Publish() with { Deposit = 100m })); // industrial
    }

    [Fact]
    public void R_COM_08_with_the_Jiangsu_window_a_reserve_cannot_come_with_the_publication()
    {
        var rejection = Refusal(Publish(reserve: 15_000_000m), new ListingRuleSettings { ReserveEntryWindowMinutes = 30 });
        Assert.Contains("reservePrice", rejection!.Errors!.Keys);
    }
}
