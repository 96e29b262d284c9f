namespace Auction.Silo.Compliance;

/// <summary>The answer of one check (API.md "Regulator compliance"): it holds, it does not, it cannot be known yet, or it does not apply.</summary>
public enum CheckStatus { Pass, Fail, Pending, NotApplicable }

/// <summary>One check of a closed sale: the rule it names (<see cref="CheckIds"/>), its status and a sentence a person can read.</summary>
public sealed record ComplianceCheck(string Rule, CheckStatus Status, string Detail);

/// <summary>The check ids of API.md "v2 details pinned", in the order they are answered (DOMAIN §9.2).</summary>
public static class CheckIds
{
    /// <summary>Announcement at least 20 days before bidding starts.</summary>
    public const string AnnouncementLead = "R-COM-04";

    /// <summary>A listing period of at least 10 working days.</summary>
    public const string ListingPeriod = "R-LST-01";

    /// <summary>Industrial and warehouse land: the deal price at or above the floor.</summary>
    public const string DealPriceFloor = "R-IND-03";

    /// <summary>Industrial and warehouse land: the reserve at or above the floor.</summary>
    public const string ReserveFloor = "R-IND-09";

    /// <summary>Real-estate land: a deposit of at least 20 % of the starting price.</summary>
    public const string DepositRatio = "R-COM-09";

    /// <summary>Tenders: at least 3 tenderers, else the tender is terminated.</summary>
    public const string Tenderers = "R-TEN-04";

    /// <summary>The result notice published within 10 working days.</summary>
    public const string NoticeInTime = "R-COM-14";

    /// <summary>The other deposits refunded within 5 working days.</summary>
    public const string RefundsInTime = "R-COM-10";

    /// <summary>The declared land grade against the shipped county table.</summary>
    public const string GradeFromTable = "R-IND-GRADE";

    public static readonly IReadOnlyList<string> All =
        [AnnouncementLead, ListingPeriod, DealPriceFloor, ReserveFloor, DepositRatio, Tenderers, NoticeInTime, RefundsInTime, GradeFromTable];
}
