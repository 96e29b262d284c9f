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

/// <summary>Grant method (招标 / 拍卖 / 挂牌). Each is run by its own decider (src/Silo/Methods).</summary>
public enum GrantMethod { Listing, Auction, Tender }

/// <summary>How an auction (拍卖) is held: online with a countdown ("three calls", R-AUC-05), or in the hall with paddles.</summary>
public enum AuctionMode { Online, OnSite }

/// <summary>Where a bid came from: a bidder's own client, or the auctioneer recording a paddle in the hall.</summary>
public enum BidChannel { Online, Floor }

/// <summary>
/// How the winner was determined (DOMAIN §7.4 <c>DealMethod</c>; API.md v2). Price-only sales of listings and online
/// auctions are <see cref="PriceOnly"/>; the cap modes and the tender kinds come with their methods.
/// </summary>
public enum DealMethod { PriceOnly, CapThenArea, CapThenLottery, CapThenOneTimeQuote, TenderHighestPrice, TenderComprehensive, OnSiteAuction }

/// <summary>How later quotes must rise (R-BID-03).</summary>
public enum IncrementRule { AtLeastOneStep, IntegerMultiple }

/// <summary>What happens at the listing deadline (DOMAIN §6.6): Jiangsu J1–J5, Fujian F1–F9, or the plain listing rule.</summary>
public enum TimedBiddingStyle { None, Jiangsu, Fujian }

/// <summary>
/// The listing's status as API.md names it. <see cref="Capped"/>: the price cap was reached and the cap stage runs;
/// <see cref="Evaluating"/>: a comprehensive tender is opened and the committee scores it (API.md v2).
/// </summary>
public enum ListingStatus { Announced, Open, Preparation, TimedBidding, Suspended, Sold, Failed, Terminated, Capped, Evaluating }

/// <summary>
/// The stage a bid was placed in (R-BID-04: increments may differ by stage): the listing period, the timed bidding
/// that follows it, or an auction; <see cref="Tender"/> is a tender box while it is open (it takes sealed tenders, no bids).
/// </summary>
public enum BidPhase { Listing, Timed, Auction, Tender }

public enum CloseOutcome { Sold, Failed }

/// <summary>
/// Why a listing failed (DOMAIN §6.7). <c>BelowFloor</c> is an extension to API.md v1; <c>TooFewBidders</c> is an
/// auction's (R-AUC-08: fewer qualified bidders than <c>minBidders</c> at the start); <c>TooFewTenderers</c> a tender's
/// (R-TEN-04: fewer tenders than <c>minTenderers</c> at the opening).
/// </summary>
public enum FailureReason { NoQualifiedBidders, NoBids, BelowReserve, BelowFloor, Terminated, TooFewBidders, TooFewTenderers }

/// <summary>
/// Where an industrial or warehouse parcel's land grade comes from (API.md v2 "Regulator compliance"): the shipped
/// county → grade table confirmed it, or the county is not in the table and the centre's declaration stands.
/// </summary>
public enum GradeSource { Declared, Table }
