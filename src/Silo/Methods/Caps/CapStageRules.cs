using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Caps;

/// <summary>
/// What every cap stage shares (DOMAIN §7.2–7.4, API.md "v2 details pinned"), called by the modes, never copied: the
/// stage never ends before a listing's <c>biddingEndsAt</c>; price bids are refused once capped; the refusals of a stage
/// command; the resumption; the sale at the cap that ends every stage and what the record must show of it.
/// </summary>
public static class CapStageRules
{
    /// <summary>Pinned: the stage opens at the cap quote and never ends before a listing's <c>biddingEndsAt</c> (auctions have none).</summary>
    public static DateTimeOffset NotBeforeListingEnd(ListingState s, DateTimeOffset instant) =>
        s.BiddingEndsAt is { } end && end > instant ? end : instant;

    public static decimal Cap(ListingState s) => s.Definition!.PriceCap!.Amount;

    /// <summary>CAP-G3: once capped, every price bid is refused whatever its amount.</summary>
    public static BidDecision PriceBidRefused(ListingState s, DateTimeOffset now)
    {
        var reached = s.Cap!.Reached;
        return BidDecision.Reject(new Rejection(RejectionCodes.CapReached,
            $"The price cap {reached.Amount} was reached by bidder {reached.BidderNo} at {s.Cap.ReachedAt:O}; no price bid is accepted any more (已达最高限价，不接受报价, CAP-G3). The {PriceCapRules.Camel(reached.Mode)} stage decides the winner.",
            ServerTime: now, Cap: reached.Amount));
    }

    /// <summary>
    /// What refuses any command of the stage whatever its content: the sale ended, is suspended, is not capped (yet), or
    /// the stage's current deadline has passed (judged by the command's own time, R-CONV-3).
    /// </summary>
    public static Rejection? Refusal(ListingState s, DateTimeOffset now) =>
        s.IsEnded ? new Rejection(RejectionCodes.BiddingClosed, $"The sale has ended; it is {s.StatusName}.", ServerTime: now)
        : s.IsSuspended ? new Rejection(RejectionCodes.ListingSuspended, "The sale is suspended (地块状态发生变化); nothing is recorded until it resumes.", ServerTime: now)
        : !s.IsCapped ? new Rejection(RejectionCodes.CapNotReached,
            $"The price cap {Cap(s)} has not been reached; the {PriceCapRules.Camel(s.Definition!.PriceCap!.Mode)} stage opens with the bid that reaches it.", ServerTime: now)
        : Bidding.PastDeadline(s, now);

    /// <summary>The refusal of a command of <paramref name="wanted"/> on a sale without that cap mode.</summary>
    public static Rejection WrongMode(ListingState s, CapMode wanted) =>
        new(RejectionCodes.WrongCapMode, s.Definition?.PriceCap is { } cap
            ? $"This sale's price cap is decided by {PriceCapRules.Camel(cap.Mode)}, not by {PriceCapRules.Camel(wanted)}."
            : $"This sale has no price cap, so there is no {PriceCapRules.Camel(wanted)} stage.");

    /// <summary>R-FRZ-03 and API.md: deadlines extend by the suspended time (the listing deadline too, when it was still ahead).</summary>
    public static ListingResumed Resume(ListingState s, string resumedBy, DateTimeOffset now)
    {
        var suspendedAt = s.SuspendedAt!.Value;
        var suspendedFor = now - suspendedAt;
        var endsAt = s.BiddingEndsAt is { } end && end > suspendedAt ? end + suspendedFor : s.BiddingEndsAt;
        return new ListingResumed(resumedBy, ListingStage.Capped, s.Deadline!.Value + suspendedFor, endsAt, suspendedFor);
    }

    /// <summary>Every stage ends in a sale: the cap is at or above the reserve and the floor (publication made sure).</summary>
    public static ListingClosed Sold(ICapStage stage, string winnerBidderNo, decimal price, DateTimeOffset at, decimal? areaM2 = null) =>
        new(CloseOutcome.Sold, null, winnerBidderNo, price, at, stage.DealMethod, areaM2);

    /// <summary>The record's check of a close from the cap stage: the sale the stage's own facts determine, at its deadline.</summary>
    public static string? CloseInvariant(ICapStage stage, ListingClosed actual, ListingClosed expected) =>
        actual == expected ? null
        : $"the cap stage ({PriceCapRules.Camel(stage.Mode)}) determines {Describe(expected)}, not {Describe(actual)}";

    /// <summary>The record's checks every stage command shares: while capped, not suspended, before the deadline, by a qualified bidder.</summary>
    public static string? CommandInvariant(ListingState s, JournalEntry entry, string bidderId, string bidderNo)
    {
        if (s.IsSuspended) return "a cap-stage command while suspended";
        if (entry.At >= s.Deadline) return $"a cap-stage command at {entry.At:O}, at or after the deadline {s.Deadline:O}";
        return s.QualifiedBidder(bidderId)?.BidderNo == bidderNo ? null : $"bidder number {bidderNo} is not the qualified number of its bidder";
    }

    /// <summary>The record's check that a transition by time happened at or after the deadline it takes effect at.</summary>
    public static string? DueInvariant(ListingState s, JournalEntry entry, DateTimeOffset effective) =>
        s.IsSuspended ? "a transition while suspended"
        : effective != s.Deadline ? $"takes effect at {effective:O}, not at the stage's deadline {s.Deadline:O}"
        : entry.At < effective ? $"recorded at {entry.At:O}, before it takes effect at {effective:O}"
        : null;

    private static string Describe(ListingClosed c) =>
        $"{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.Outcome.ToString())} to {c.WinnerBidderNo ?? "nobody"} at {c.Price?.ToString() ?? "no price"}{(c.AreaM2 is { } a ? $" with {a} m²" : "")} ({c.DealMethod}) at {c.ClosedAt:O}";
}
