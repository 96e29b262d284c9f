using Auction.Contracts.Listings;
using Auction.Silo.Methods;

namespace Auction.Silo.Listing;

/// <summary>
/// CAP-G3: the bid that reached the cap (the cap quote, recorded just before this event in the same append) hands the
/// sale to the cap stage of <see cref="Mode"/>; <see cref="Deadline"/> is the stage's first deadline (API.md "v2 details
/// pinned": never before a listing's <c>biddingEndsAt</c>).
/// </summary>
public sealed record CapReached(CapMode Mode, string BidderNo, decimal Amount, DateTimeOffset Deadline) : ListingEvent;

/// <summary>An event of a cap stage: recorded only once the sale is capped, and only by the stage of its mode.</summary>
public abstract record CapStageEvent : ListingEvent;

/// <summary>Mode A (竞配建): an area bid; the entry's time is its server time, <see cref="Deadline"/> the stage's deadline after it.</summary>
public sealed record AreaBidAccepted(string BidderNo, string BidderId, decimal AreaM2, DateTimeOffset Deadline, string RequestId) : CapStageEvent;

/// <summary>Mode C (摇号): a qualified bidder accepts the cap and enters the draw (the cap quote's bidder is in it already).</summary>
public sealed record LotteryJoined(string BidderNo, string BidderId, string RequestId) : CapStageEvent;

/// <summary>
/// Mode C: the draw at the joining deadline (<see cref="DrawnAt"/>), with everything needed to recompute it: the sorted
/// <see cref="Entrants"/>, the revealed <see cref="Secret"/> (64 hex) whose SHA-256 the listing published, the winner.
/// </summary>
public sealed record LotteryDrawn(IReadOnlyList<string> Entrants, string Secret, string WinnerBidderNo, DateTimeOffset DrawnAt) : CapStageEvent;

/// <summary>Mode B (一次报价, B3): a qualified bidder confirms taking part in the one-time quote.</summary>
public sealed record OneTimeConfirmed(string BidderNo, string BidderId, string RequestId) : CapStageEvent;

/// <summary>Mode B: at the joining deadline quoting opens until <see cref="Deadline"/> (joinDeadline + quoteSeconds).</summary>
public sealed record OneTimeQuotingOpened(DateTimeOffset OpenedAt, DateTimeOffset Deadline) : CapStageEvent;

/// <summary>
/// Mode B (B6, B8): the sealed box opened at the quoting deadline; every quote, their average (to the fen, half-up; null
/// when nobody quoted) and the winner, with the head of the box's chain this opening sealed.
/// </summary>
public sealed record OneTimeQuotesOpened(
    string Box, string BoxHeadHash, IReadOnlyList<OpenedQuote> Quotes, decimal? Average, string WinnerBidderNo, DateTimeOffset OpenedAt)
    : CapStageEvent, IRecordsBoxOpening
{
    /// <summary>The quotes are published in box order, without their entries' hashes (the head covers them).</summary>
    public BoxOpeningClaim Claim() =>
        new(Box, BoxHeadHash, OpenedAt, Quotes.Count, Quotes.Select((q, i) => new SealedItemRef(i + 1, q.SubmittedAt, Hash: null)).ToArray());
}
