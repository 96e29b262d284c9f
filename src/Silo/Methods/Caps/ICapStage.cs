using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Caps;

/// <summary>
/// The rules of one cap mode (DOMAIN §7.3: area bidding 竞配建, lottery 摇号, one-time quote 一次报价) as a pure decider,
/// like <see cref="IGrantMethod"/> for methods. From the cap quote on, <see cref="ListingEngine"/> asks the sale's cap
/// stage instead of its method for the due transitions, price bids, resumption, countdown deadline and record invariants;
/// the mode's own commands come through capability interfaces (<see cref="IAreaBidding"/>, <see cref="ILotteryEntries"/>,
/// <see cref="IOneTimeQuoting"/>). A new mode is a folder plus one line in <see cref="CapStages"/>. Implementations hold
/// no state.
/// </summary>
public interface ICapStage : ICapModePublication
{
    CapMode Mode { get; }

    /// <summary>How the winner is determined once capped (DOMAIN §7.4), even when nobody took part in the stage.</summary>
    DealMethod DealMethod { get; }

    /// <summary>
    /// What publication commits to: the terms (the lottery adds the SHA-256 of <paramref name="secret"/>) and the secret the
    /// journal must keep sealed until the stage reveals it (null for a mode that needs none).
    /// </summary>
    (PriceCapTerms Terms, string? Secret) Commit(PriceCapTerms cap, byte[]? secret);

    /// <summary>CAP-G3: <c>capReached</c> for the cap quote of <paramref name="bidderNo"/> at <paramref name="at"/>, with the stage's first deadline.</summary>
    CapReached Reached(ListingState s, string bidderNo, decimal amount, DateTimeOffset at);

    /// <summary>The transition due once the stage's deadline <paramref name="due"/> passed (the engine checked the rest), effective at it.</summary>
    ListingEvent? DueTransition(ListingState s, DateTimeOffset due);

    /// <summary>A price bid once capped: refused whatever its amount (CAP-G3, 已达最高限价，不接受报价).</summary>
    BidDecision Bid(ListingState s, PlaceBid command, DateTimeOffset now);

    /// <summary>R-FRZ-03: the stage's deadlines after a suspension.</summary>
    ListingResumed Resume(ListingState s, string resumedBy, DateTimeOffset now);

    /// <summary>The deadline of a countdown the hub warns about (area bidding), or null.</summary>
    DateTimeOffset? CountdownDeadline(ListingState s);

    /// <summary>What only this stage guarantees about an event recorded while the sale is capped: null when it holds, else why not.</summary>
    string? Invariant(ListingState s, JournalEntry entry, ListingEvent evt);
}
