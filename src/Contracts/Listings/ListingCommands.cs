namespace Auction.Contracts.Listings;

/// <summary>Who issues a centre command: the user and the centre they act for (ownership is checked by the grain).</summary>
[GenerateSerializer, Immutable, Alias("auction.centre-actor")]
public sealed record CentreActor([property: Id(0)] string UserId, [property: Id(1)] string CentreId);

/// <summary>A bid (报价). <see cref="RequestId"/> makes a retry return the first outcome (R-BID-08).</summary>
[GenerateSerializer, Immutable, Alias("auction.place-bid")]
public sealed record PlaceBid(
    [property: Id(0)] string BidderId,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string RequestId);

/// <summary>
/// A paddle bid in the hall of an on-site auction (现场拍卖), recorded by the owning centre's auctioneer under the
/// bidder's number (API.md v2 <c>floor-bids</c>). <see cref="RequestId"/> makes a retry return the first outcome.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.floor-bid")]
public sealed record FloorBid(
    [property: Id(0)] string BidderNo,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string RequestId);

/// <summary>The acknowledgement of a durably recorded bid; <see cref="Hash"/> is the chain hash of its <c>bidAccepted</c> entry.</summary>
[GenerateSerializer, Immutable, Alias("auction.bid-receipt")]
public sealed record BidReceipt(
    [property: Id(0)] long Seq,
    [property: Id(1)] string ListingId,
    [property: Id(2)] string BidderNo,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] DateTimeOffset AcceptedAt,
    [property: Id(5)] BidPhase Phase,
    [property: Id(6)] DateTimeOffset? Deadline,
    [property: Id(7)] bool Replayed = false,
    [property: Id(8)] string? Hash = null,
    [property: Id(9)] BidChannel Channel = BidChannel.Online);

/// <summary>Issued by the registration grain when an applicant's deposit is complete in time (R-DEP-02).</summary>
[GenerateSerializer, Immutable, Alias("auction.qualify-bidder")]
public sealed record QualifyBidder(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] string BidderId,
    [property: Id(2)] string BidderName,
    [property: Id(3)] string DepositAccount,
    [property: Id(4)] decimal DepositPaid,
    [property: Id(5)] DateTimeOffset DepositCompletedAt);

/// <summary>What the registration side needs to know about a listing.</summary>
[GenerateSerializer, Immutable, Alias("auction.registration-terms")]
public sealed record RegistrationTerms(
    [property: Id(0)] string ListingId,
    [property: Id(1)] string CentreId,
    [property: Id(2)] DateTimeOffset ApplicationDeadline,
    [property: Id(3)] DateTimeOffset DepositDeadline,
    [property: Id(4)] decimal Deposit,
    [property: Id(5)] ListingStatus Status);
