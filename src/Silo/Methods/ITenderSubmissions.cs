using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Sealing;
using Auction.Silo.Listing;

namespace Auction.Silo.Methods;

/// <summary>
/// A method that takes sealed tenders (招标, R-TEN-02) into a box, one per bidder (the key is the bidder number). The
/// engine dispatches to it like <see cref="IFloorAuction"/>; the grain does the box's I/O and draws the salt.
/// </summary>
public interface ITenderSubmissions
{
    /// <summary>The sealed box tenders go into.</summary>
    string Box { get; }

    /// <summary>
    /// A tender when the bidder's place in the box already holds one: the same request and body is a replay of its receipt,
    /// the same request with another body a mismatch, another request a second tender (refused: never changed, R-TEN-02).
    /// </summary>
    TenderDecision Resubmitted(ListingState s, SubmitTender command, BoxReceipt existing);

    /// <summary>A first tender, judged at its server time once the engine refused what refuses any submission.</summary>
    TenderDecision Submit(ListingState s, SubmitTender command, DateTimeOffset now);

    /// <summary>The bidder's receipt of a sealed item of the box.</summary>
    TenderReceipt Receipt(string listingId, BoxReceipt item);
}

/// <summary>The decision on a tender: what to seal, a rejection, or the receipt of the same request.</summary>
public sealed record TenderDecision(TenderToSeal? ToSeal, Rejection? Rejection, TenderReceipt? Replay)
{
    public static TenderDecision Reject(Rejection rejection) => new(null, rejection, null);
}

/// <summary>
/// An accepted tender before it is sealed: the grain draws the salt (<see cref="Item"/> computes the commitment with it)
/// and seals the item into <see cref="Box"/> under the bidder number.
/// </summary>
public sealed record TenderToSeal(string Box, string BidderNo, SubmitTender Command)
{
    /// <summary>The box item of this tender for <paramref name="listingId"/> with the server's <paramref name="salt"/>.</summary>
    public BoxItem Item(string listingId, string salt) => Tender.TenderSubmission.Item(listingId, BidderNo, Command, salt);
}
