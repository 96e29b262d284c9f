using Auction.Contracts.Listings;

namespace Auction.Silo.Catalog;

/// <summary>
/// Which statuses a listing may be in now, given what the catalog last heard. Listings report status changes
/// when they record them, but status follows server time (API.md): a listing whose start or end has passed may not
/// have caught up yet. So the catalog answers with a superset — every listing that may be in the asked status — and
/// the listing's own view decides.
/// </summary>
public static class CatalogCandidates
{
    /// <summary>Clock differences between a gateway and the silo that decides are far below this.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    // A tender's box opens into evaluation (comprehensive, R-TEN-05) at its biddingEndsAt.
    private static readonly ListingStatus[] FromBidding =
        [ListingStatus.Open, ListingStatus.Preparation, ListingStatus.TimedBidding, ListingStatus.Evaluating, ListingStatus.Capped, ListingStatus.Sold, ListingStatus.Failed];

    private static readonly ListingStatus[] FromTimed =
        [ListingStatus.Preparation, ListingStatus.TimedBidding, ListingStatus.Capped, ListingStatus.Sold, ListingStatus.Failed];

    /// <summary>A cap stage always ends in a sale (the cap is at or above the reserve and the floor).</summary>
    private static readonly ListingStatus[] FromCapped = [ListingStatus.Capped, ListingStatus.Sold];

    public static bool MayBe(CatalogEntry entry, ListingStatus status, DateTimeOffset now) => entry.Status switch
    {
        ListingStatus.Announced when now + Slack < entry.BiddingStartsAt => status == ListingStatus.Announced,
        ListingStatus.Announced => status == ListingStatus.Announced || FromBidding.Contains(status),
        ListingStatus.Open when now + Slack < entry.BiddingEndsAt => status == ListingStatus.Open,
        ListingStatus.Open => FromBidding.Contains(status),
        ListingStatus.Preparation or ListingStatus.TimedBidding => FromTimed.Contains(status),
        ListingStatus.Capped => FromCapped.Contains(status),
        // Suspended and ended listings change only by commands, which report at once.
        _ => status == entry.Status,
    };
}
