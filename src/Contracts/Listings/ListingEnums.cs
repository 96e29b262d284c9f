namespace Auction.Contracts.Listings;

/// <summary>Land use of the parcel; industrial and warehouse land carry the national floor (R-COM-01, §8).</summary>
public enum LandUse { Industrial, Warehouse, Commercial, Residential, Mixed, Other }

/// <summary>The category that selects the floor factor (DOMAIN §8.5; R-IND-08: one per parcel, no stacking).</summary>
public enum IndustrialCategory
{
    Normal,
    PriorityIntensive,
    AgriPrimaryProcessing,
    UnusedInsideUrban,
    UnusedOutsideUrbanCentralWest,
}

/// <summary>Grant method (招标 / 拍卖 / 挂牌). Only listing is run by the engine today.</summary>
public enum GrantMethod { Listing, Auction, Tender }

/// <summary>How later quotes must rise (R-BID-03).</summary>
public enum IncrementRule { AtLeastOneStep, IntegerMultiple }

/// <summary>What happens at the listing deadline (DOMAIN §6.6): Jiangsu J1–J5, Fujian F1–F9, or the plain listing rule.</summary>
public enum TimedBiddingStyle { None, Jiangsu, Fujian }

/// <summary>The listing's status as API.md names it.</summary>
public enum ListingStatus { Announced, Open, Preparation, TimedBidding, Suspended, Sold, Failed, Terminated }

/// <summary>The stage a bid was placed in (R-BID-04: increments may differ by stage).</summary>
public enum BidPhase { Listing, Timed }

public enum CloseOutcome { Sold, Failed }

/// <summary>Why a listing failed (DOMAIN §6.7). <c>BelowFloor</c> is an extension to API.md v1.</summary>
public enum FailureReason { NoQualifiedBidders, NoBids, BelowReserve, BelowFloor, Terminated }
