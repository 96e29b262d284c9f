using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods;

/// <summary>
/// The rules of one grant method (listing 挂牌, auction 拍卖, tender 招标) as a pure decider over the parcel's one
/// <see cref="ListingState"/> (ARCHITECTURE §3a): what differs by method at publication, the transitions that fall due
/// by time, an online price bid, the resumption after a suspension. <see cref="ListingEngine"/> runs what every method
/// shares (ownership, idempotency, suspension, termination, qualification, the reserve) and asks the sale's method for
/// the rest, so a new method is a new folder plus one line in <see cref="GrantMethods"/>. Implementations hold no state.
/// </summary>
public interface IGrantMethod : IMethodPublication
{
    GrantMethod Method { get; }

    /// <summary>
    /// The transition due once the current stage's deadline <paramref name="due"/> has passed (the engine has checked
    /// that the sale is published, running, not suspended, and that the deadline passed). Carries <paramref name="due"/>
    /// as its effective time, so catching up late records what a punctual timer would have.
    /// </summary>
    ListingEvent? DueTransition(ListingState s, DateTimeOffset due);

    /// <summary>
    /// A bidder's online price bid, judged at its server time. The engine has already refused what every method
    /// refuses (an ended, suspended or not yet open sale, a bad amount or request id) and replayed a known request.
    /// </summary>
    BidDecision Bid(ListingState s, PlaceBid command, DateTimeOffset now);

    /// <summary>R-FRZ-03: the stage and deadlines that hold when a suspended sale resumes at <paramref name="now"/>.</summary>
    ListingResumed Resume(ListingState s, string resumedBy, DateTimeOffset now);

    /// <summary>The instant by which the reserve must be sealed (R-COM-08).</summary>
    DateTimeOffset ReserveDueBy(ListingState s, ListingRuleSettings settings);

    /// <summary>The lowest price bid accepted now, or null while price bidding is not open (which also stops increment changes).</summary>
    decimal? MinNextBid(ListingState s);

    /// <summary>The deadline of a running countdown (timed bidding, an online auction's "three calls"), for the hub's warnings.</summary>
    DateTimeOffset? CountdownDeadline(ListingState s);

    /// <summary>
    /// Whether a sale of this method is won by its highest price bid, which the record verifier then checks for every
    /// method alike; a method that awards otherwise (tenders) checks its award in <see cref="Invariant"/>.
    /// </summary>
    bool AwardsHighestBid => true;

    /// <summary>
    /// What only this method guarantees about a recorded event, given the state before it (the record verifier checks
    /// the shared invariants first): null when it holds, else why not.
    /// </summary>
    string? Invariant(ListingState s, JournalEntry entry, ListingEvent evt);
}

/// <summary>
/// The decision on a bid: an event to record, a rejection, or the earlier outcome of the same request. An accepted bid
/// may carry <see cref="FollowUps"/>, recorded right after it in the same append (the cap quote's <c>capReached</c>).
/// </summary>
public sealed record BidDecision(BidAccepted? Accepted, Rejection? Rejection, RecordedBid? Replay)
{
    public IReadOnlyList<ListingEvent> FollowUps { get; init; } = [];

    /// <summary>What the grain appends, in order: the bid and its follow-ups (nothing for a rejection or a replay).</summary>
    public ListingEvent[] Events => Accepted is null ? [] : [Accepted, .. FollowUps];

    public static BidDecision Reject(Rejection rejection) => new(null, rejection, null);

    public static BidDecision Accept(BidAccepted accepted) => new(accepted, null, null);
}
