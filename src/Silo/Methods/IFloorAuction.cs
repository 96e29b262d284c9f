using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;

namespace Auction.Silo.Methods;

/// <summary>
/// A method whose bids can be called in a hall (现场): the owning centre's auctioneer records paddle bids by bidder
/// number and strikes the hammer (API.md v2 <c>floor-bids</c>, <c>hammer</c>). The engine has checked ownership.
/// </summary>
public interface IFloorAuction
{
    /// <summary>A paddle bid; its request id (the auctioneer's) replays like a bidder's.</summary>
    BidDecision FloorBid(ListingState s, CentreActor auctioneer, FloorBid command, DateTimeOffset now);

    /// <summary>R-AUC-05/06: the hammer falls at <paramref name="now"/>: sold to the highest bid, or failed.</summary>
    (ListingClosed? Closed, Rejection? Rejection) Hammer(ListingState s, DateTimeOffset now);
}
