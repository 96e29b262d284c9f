namespace Auction.Contracts.Listings;

[GenerateSerializer, Immutable, Alias("auction.plot-ratio")]
public sealed record PlotRatioRange([property: Id(0)] decimal? Min, [property: Id(1)] decimal? Max);

/// <summary>The parcel (宗地) as published in the announcement.</summary>
[GenerateSerializer, Immutable, Alias("auction.parcel")]
public sealed record Parcel(
    [property: Id(0)] string ParcelNo,
    [property: Id(1)] string Location,
    [property: Id(2)] string CountyCode,
    [property: Id(3)] LandUse Use,
    [property: Id(4)] decimal AreaM2,
    [property: Id(5)] int TermYears,
    [property: Id(6)] PlotRatioRange? PlotRatio,
    [property: Id(7)] int? LandGrade,
    [property: Id(8)] IndustrialCategory? IndustrialCategory);

/// <summary>
/// The conversion at the listing deadline (DOMAIN §6.6). Durations are whole seconds; the timed-phase
/// increment defaults to the listing increment (R-BID-04). <see cref="NoQuoteWindowSeconds"/> is the Jiangsu
/// rule that listing quotes stop that long before the listing deadline (J5, "挂牌截止期1个小时，不接受报价").
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.timed-bidding")]
public sealed record TimedBiddingTerms(
    [property: Id(0)] TimedBiddingStyle Style,
    [property: Id(1)] int CountdownSeconds,
    [property: Id(2)] int PreparationSeconds,
    [property: Id(3)] int ConversionWindowSeconds,
    [property: Id(4)] decimal? Increment,
    [property: Id(5)] bool OpenToNonQuoters,
    [property: Id(6)] int NoQuoteWindowSeconds = 0)
{
    public static TimedBiddingTerms None { get; } = new(TimedBiddingStyle.None, 0, 0, 0, null, true);

    /// <summary>Jiangsu J2: 4-minute countdown restarted by every bid.</summary>
    public static TimedBiddingTerms JiangsuDefault { get; } = new(TimedBiddingStyle.Jiangsu, 240, 0, 0, null, true);

    /// <summary>Fujian F3: 15-minute preparation, 5-minute countdown; F1: the last hour decides conversion.</summary>
    public static TimedBiddingTerms FujianDefault { get; } = new(TimedBiddingStyle.Fujian, 300, 900, 3600, null, true);
}

/// <summary>
/// An auction's terms (拍卖, DOMAIN §5; API.md v2 "Auction"): online, where every accepted bid restarts a countdown of
/// <see cref="CountdownSeconds"/> and its expiry is the fall of the hammer (R-AUC-05), or on site, where the auctioneer
/// records paddle bids and strikes the hammer; at the start, fewer qualified bidders than <see cref="MinBidders"/>
/// fail the auction (R-AUC-08).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.auction-terms")]
public sealed record AuctionTerms(
    [property: Id(0)] AuctionMode Mode,
    [property: Id(1)] int CountdownSeconds,
    [property: Id(2)] int MinBidders)
{
    public const int DefaultCountdownSeconds = 60;

    public static AuctionTerms Default { get; } = new(AuctionMode.Online, DefaultCountdownSeconds, 1);
}

/// <summary>
/// Everything a centre publishes for one listing. Times are server-side instants (UTC). Optional fields
/// (<see cref="ApplicationDeadline"/>, <see cref="DepositDeadline"/>, <see cref="AnnouncedAt"/>) take their
/// DOMAIN defaults at publication. What differs by method is checked by the method's decider: a listing has a
/// <see cref="BiddingEndsAt"/> and <see cref="TimedBidding"/> terms, an auction has neither but an
/// <see cref="Auction"/> block, a tender has a <see cref="BiddingEndsAt"/> (the opening) and a <see cref="Tender"/> block.
/// Listings and auctions may carry a <see cref="PriceCap"/> (DOMAIN §7); tenders may not.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.publish-listing")]
public sealed record PublishListing(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string CentreId,
    [property: Id(2)] string Actor,
    [property: Id(3)] Parcel Parcel,
    [property: Id(4)] GrantMethod Method,
    [property: Id(5)] DateTimeOffset? AnnouncedAt,
    [property: Id(6)] DateTimeOffset BiddingStartsAt,
    [property: Id(7)] DateTimeOffset? BiddingEndsAt,
    [property: Id(8)] DateTimeOffset? ApplicationDeadline,
    [property: Id(9)] DateTimeOffset? DepositDeadline,
    [property: Id(10)] decimal StartingPrice,
    [property: Id(11)] decimal Increment,
    [property: Id(12)] IncrementRule IncrementRule,
    [property: Id(13)] decimal Deposit,
    [property: Id(14)] decimal? ReservePrice,
    [property: Id(15)] TimedBiddingTerms TimedBidding,
    [property: Id(16)] AuctionTerms? Auction = null,
    [property: Id(17)] TenderTerms? Tender = null,
    [property: Id(18)] PriceCapTerms? PriceCap = null);

/// <summary>
/// The published definition with every default resolved; part of the regulator's record. <see cref="GradeSource"/> says
/// whether the county table confirmed an industrial or warehouse parcel's grade at publication (null otherwise, and in
/// journals written before the table).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.listing-definition")]
public sealed record ListingDefinition(
    [property: Id(0)] string ListingId,
    [property: Id(1)] string CentreId,
    [property: Id(2)] Parcel Parcel,
    [property: Id(3)] GrantMethod Method,
    [property: Id(4)] DateTimeOffset AnnouncedAt,
    [property: Id(5)] DateTimeOffset BiddingStartsAt,
    [property: Id(6)] DateTimeOffset? BiddingEndsAt,
    [property: Id(7)] DateTimeOffset ApplicationDeadline,
    [property: Id(8)] DateTimeOffset DepositDeadline,
    [property: Id(9)] decimal StartingPrice,
    [property: Id(10)] decimal Increment,
    [property: Id(11)] IncrementRule IncrementRule,
    [property: Id(12)] decimal Deposit,
    [property: Id(13)] TimedBiddingTerms TimedBidding,
    [property: Id(14)] FloorComputation? Floor,
    [property: Id(15)] AuctionTerms? Auction = null,
    [property: Id(16)] TenderTerms? Tender = null,
    [property: Id(17)] PriceCapTerms? PriceCap = null,
    [property: Id(20)] GradeSource? GradeSource = null)
{
    /// <summary>The increment that applies in the timed phase (R-BID-04).</summary>
    public decimal TimedIncrement => TimedBidding.Increment ?? Increment;
}
