using Auction.Contracts.Sealing;
using Auction.Silo.Listing;

namespace Auction.Silo.Methods;

/// <summary>Which sealed box of a sale opens, and the instant its opening takes effect (the deadline, even if caught up late).</summary>
public sealed record BoxOpening(string Box, DateTimeOffset At);

/// <summary>
/// A method (or a cap stage) whose submissions stay sealed in a box until a deadline (tenders 招标, one-time quotes
/// 一次报价). Deciding stays pure: the decider says which box is due and what the sale records once it sees the opened
/// items; the grain does the I/O between (<see cref="ISealedBoxGrain.Open"/>), then records the events.
/// </summary>
public interface ISealedSubmissions
{
    /// <summary>The box that must open by <paramref name="now"/>, or null.</summary>
    BoxOpening? OpeningDue(ListingState s, DateTimeOffset now);

    /// <summary>What the sale records once <paramref name="opening"/>'s box is open; the decider decides what becomes public.</summary>
    ListingEvent[] Opened(ListingState s, BoxOpening opening, OpenedBox box);
}

/// <summary>
/// What a listing event says about a box it opened, for the record verifier to hold against the box's own stream: its
/// name, the head and the instant the opening sealed, how many items it held and, when they were opened in public, the
/// place of each in the box's chain (<see cref="Opened"/>; empty when they stay sealed).
/// </summary>
public sealed record BoxOpeningClaim(string Box, string HeadHash, DateTimeOffset OpenedAt, long Items, IReadOnlyList<SealedItemRef> Opened);

/// <summary>
/// A sealed item's entry in its box's chain: seq, recorded time (the submission time) and hash; the hash is null when the
/// opening published the items without it (one-time quotes: the box head the opening sealed covers them all).
/// </summary>
public sealed record SealedItemRef(long Seq, DateTimeOffset At, string? Hash);

/// <summary>A listing event that records the opening of one of the sale's sealed boxes (the state keeps its claim).</summary>
public interface IRecordsBoxOpening
{
    BoxOpeningClaim Claim();
}

/// <summary>The boxes of a sale: one grain each, keyed <c>{listingId}/{box}</c>.</summary>
public static class SealedBoxes
{
    public static string KeyOf(string listingId, string box) => $"{listingId}/{box}";
}
