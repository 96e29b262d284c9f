using Auction.Contracts.Common;

namespace Auction.Contracts.Listings;

/// <summary>
/// One parcel's sale, keyed by listing id, whatever its method (listing 挂牌, auction 拍卖, tender 招标). The single
/// writer of the parcel's rules and its hash-chained event log; Orleans turn order is the bid order (R-BID-08).
/// </summary>
[Alias("auction.listing")]
public interface IListingGrain : IGrainWithStringKey
{
    [Alias("publish")] Task<Outcome<ListingSnapshot>> Publish(PublishListing command);
    [Alias("seal-reserve")] Task<Outcome<Done>> SealReserve(CentreActor actor, decimal reservePrice);
    [Alias("suspend")] Task<Outcome<Done>> Suspend(CentreActor actor, string reason);
    [Alias("resume")] Task<Outcome<Done>> Resume(CentreActor actor);
    [Alias("terminate")] Task<Outcome<Done>> Terminate(CentreActor actor, string reason);
    [Alias("place-bid")] Task<Outcome<BidReceipt>> PlaceBid(PlaceBid command);

    /// <summary>R-AUC-07 (and listings, R-LST-04): the owning centre changes the increment while bidding is open.</summary>
    [Alias("change-increment")] Task<Outcome<Done>> ChangeIncrement(CentreActor actor, decimal increment, string reason);

    /// <summary>On-site auctions: the auctioneer records a paddle bid under a bidder number.</summary>
    [Alias("floor-bid")] Task<Outcome<BidReceipt>> PlaceFloorBid(CentreActor actor, FloorBid command);

    /// <summary>On-site auctions: the hammer falls (R-AUC-05/06); sold to the highest bid, or failed.</summary>
    [Alias("hammer")] Task<Outcome<ListingResult>> Hammer(CentreActor actor);

    /// <summary>
    /// Tenders (R-TEN-02): a qualified bidder's one tender, sealed in the sale's tender box with a salt the grain draws;
    /// nothing about it enters the listing's stream, views or logs before the opening.
    /// </summary>
    [Alias("submit-tender")] Task<Outcome<TenderReceipt>> SubmitTender(SubmitTender command);

    /// <summary>The caller's own tender receipt (the only tender anyone can read before the opening).</summary>
    [Alias("my-tender")] Task<Outcome<TenderReceipt>> GetMyTender(string bidderId);

    /// <summary>Comprehensive tenders (R-TEN-05): the owning centre records a committee member's scoring sheet.</summary>
    [Alias("record-sheet")] Task<Outcome<SheetReceipt>> RecordSheet(CentreActor actor, EvaluationSheet sheet);

    [Alias("snapshot")] Task<Outcome<ListingSnapshot>> GetSnapshot();
    [Alias("events")] Task<Outcome<IReadOnlyList<PublicListingEvent>>> GetEvents(long afterSeq, int limit);
    [Alias("bids")] Task<Outcome<IReadOnlyList<PublicBid>>> GetBids(long afterSeq, int limit);
    [Alias("result")] Task<Outcome<ListingResult>> GetResult();
    /// <summary>
    /// The regulator's record. With <paramref name="withRelatedStreams"/> it also reads the registration and
    /// deposit-account streams from the store (what an offline verification needs); awards leave them out.
    /// </summary>
    [Alias("record")] Task<Outcome<RegulatorRecord>> GetRecord(bool withRelatedStreams);
    [Alias("verify")] Task<Outcome<ChainVerification>> VerifyRecord();

    /// <summary>The latest signed chain head (public).</summary>
    [Alias("checkpoint")] Task<Outcome<Records.SignedCheckpoint>> GetCheckpoint();

    /// <summary>Called by the registration grain only; the listing never calls it back (no call cycles).</summary>
    [Alias("registration-terms")] Task<Outcome<RegistrationTerms>> GetRegistrationTerms();

    /// <summary>Issues the bidder number (竞买号) at qualification; idempotent by application id.</summary>
    [Alias("qualify")] Task<Outcome<string>> QualifyBidder(QualifyBidder command);

    /// <summary>The bidder number of a qualified bidder, or null (the bidder's own view).</summary>
    [Alias("bidder-no")] Task<string?> GetBidderNo(string bidderId);

    /// <summary>R-COM-14: the owning centre publishes the result notice drafted at the end (once; recorded in the chain).</summary>
    [Alias("publish-notice")] Task<Outcome<AfterSale.ResultNotice>> PublishNotice(CentreActor actor);

    /// <summary>The result notice, drafted at the end (public); NOT_CLOSED before.</summary>
    [Alias("notice")] Task<Outcome<AfterSale.ResultNotice>> GetNotice();

    /// <summary>R-COM-12: the confirmation of a sold listing, for its centre and its winner.</summary>
    [Alias("confirmation")] Task<Outcome<AfterSale.SaleConfirmation>> GetConfirmation(AfterSale.ConfirmationReader reader);
}

/// <summary>The index of listings by centre and status.</summary>
[Alias("auction.catalog")]
public interface ICatalogGrain : IGrainWithStringKey
{
    [Alias("upsert")] Task Upsert(CatalogEntry entry);
    [Alias("find")] Task<IReadOnlyList<CatalogEntry>> Find(string? centreId, ListingStatus? status, LandUse? use);

    /// <summary>A page of candidates in (<c>biddingStartsAt</c>, id) order; bounded by the query's limit.</summary>
    [Alias("page")] Task<CatalogPage> Page(CatalogQuery query);
}
