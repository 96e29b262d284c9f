namespace Auction.Silo.Rules;

/// <summary>
/// Deployment settings for the rules tagged [L]/[U] in DOMAIN (configuration section <c>Auction:Rules</c>).
/// Demos and tests may lower the minimums; production keeps the defaults.
/// </summary>
public sealed class ListingRuleSettings
{
    /// <summary>R-COM-04: calendar days from announcement to the start of bidding.</summary>
    public int MinAnnouncementDays { get; set; } = 20;

    /// <summary>R-LST-01: working days in the listing period (holiday calendar, R-CONV-2).</summary>
    public int MinListingWorkingDays { get; set; } = 10;

    /// <summary>R-COM-08 (Fujian): the reserve must be sealed at least this long before the listing deadline.</summary>
    public int ReserveDeadlineMinutes { get; set; } = 60;

    /// <summary>R-LST-02: default application deadline, days before the listing ends.</summary>
    public int ApplicationDeadlineDaysBeforeEnd { get; set; } = 2;

    /// <summary>
    /// R-LST-02: applications and deposits close at least this many hours before bidding ends (before it starts for an
    /// auction, before the opening for a tender). Order 39 Art. 11: two days.
    /// </summary>
    public int MinApplicationLeadHours { get; set; } = 48;

    /// <summary>R-COM-09 (2010 notice): the deposit is at least this share of the starting price for commercial, residential and mixed land.</summary>
    public decimal MinDepositRatio { get; set; } = 0.2m;

    /// <summary>
    /// R-COM-08 (Jiangsu): when above 0, the reserve is entered only within this many minutes before the listing
    /// deadline (Wuxi, Taicang, SIP: 30), so it cannot come with the publication. 0: no such window (Fujian).
    /// </summary>
    public int ReserveEntryWindowMinutes { get; set; }

    /// <summary>R-BID-07 [U]: whether the current highest bidder may raise its own bid (no reviewed rule forbids it).</summary>
    public bool AllowSelfOutbid { get; set; } = true;
}
