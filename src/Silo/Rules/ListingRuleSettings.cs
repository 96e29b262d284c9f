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
}
