using Auction.Contracts.Common;
using Auction.Contracts.Listings;

namespace Auction.Silo.Rules;

/// <summary>A period during which the sale was suspended (R-FRZ-01): its bidding clock stood still.</summary>
public sealed record Suspension(DateTimeOffset From, DateTimeOffset To);

/// <summary>An accepted bid as the closing rules see it.</summary>
public sealed record BidFact(string BidderNo, decimal Amount, DateTimeOffset At, BidPhase Phase);

/// <summary>How a listing ends: sold to a bidder number at a price, or failed for a reason.</summary>
public sealed record CloseDecision(CloseOutcome Outcome, FailureReason? Reason, string? WinnerBidderNo, decimal? Price)
{
    public static CloseDecision Sold(BidFact winner) => new(CloseOutcome.Sold, null, winner.BidderNo, winner.Amount);

    public static CloseDecision Failed(FailureReason reason) => new(CloseOutcome.Failed, reason, null, null);
}

/// <summary>What the listing does when its listing period reaches the deadline (DOMAIN §6.6).</summary>
public abstract record DeadlineStep
{
    /// <summary>Close now with this decision (R-LST-07, J4, F1 single bidder / single last-hour bidder).</summary>
    public sealed record Close(CloseDecision Decision) : DeadlineStep;

    /// <summary>Fujian F3: a preparation phase without bids until <paramref name="Until"/>.</summary>
    public sealed record Prepare(DateTimeOffset Until) : DeadlineStep;

    /// <summary>Timed bidding (J1/J2, F3/F4) from <paramref name="StartPrice"/> with a countdown ending at <paramref name="Deadline"/>.</summary>
    public sealed record StartTimed(decimal StartPrice, DateTimeOffset Deadline) : DeadlineStep;
}

/// <summary>
/// The close decision and the conversion to timed bidding, as pure functions of the recorded facts
/// (so a late timer reaches the same result as a punctual one).
/// </summary>
public static class ClosingRules
{
    /// <summary>
    /// R-LST-07 / J2–J4 / F6–F8: no qualified bidder → failed; no bids → failed; else the highest bid wins,
    /// the earlier of equal bids; never below the reserve (F8) nor the industrial floor (R-IND-09b).
    /// </summary>
    public static CloseDecision Decide(int qualifiedBidders, IReadOnlyList<BidFact> bids, decimal? reserve, FloorComputation? floor)
    {
        if (qualifiedBidders == 0) return CloseDecision.Failed(FailureReason.NoQualifiedBidders);
        if (bids.Count == 0) return CloseDecision.Failed(FailureReason.NoBids);
        var winner = Highest(bids);
        if (reserve is { } r && winner.Amount < r) return CloseDecision.Failed(FailureReason.BelowReserve);
        if (floor is not null && winner.Amount < floor.Total) return CloseDecision.Failed(FailureReason.BelowFloor);
        return CloseDecision.Sold(winner);
    }

    /// <summary>The highest bid; among equal amounts the earliest (R-LST-07.2).</summary>
    public static BidFact Highest(IReadOnlyList<BidFact> bids)
    {
        var best = bids[0];
        foreach (var bid in bids)
            if (bid.Amount > best.Amount || (bid.Amount == best.Amount && bid.At < best.At)) best = bid;
        return best;
    }

    /// <summary>
    /// What happens at the listing deadline <paramref name="deadline"/> (J1, F1, R-LST-07). Fujian's "last hour" is the
    /// last hour of bidding time: <paramref name="suspensions"/> do not count (F1 design note, R-FRZ-03), so a freeze
    /// never changes who converts.
    /// </summary>
    public static DeadlineStep AtListingDeadline(
        ListingDefinition listing, DateTimeOffset deadline, int qualifiedBidders, IReadOnlyList<BidFact> bids,
        decimal? reserve, IReadOnlyList<Suspension>? suspensions = null)
    {
        var terms = listing.TimedBidding;
        var close = new DeadlineStep.Close(Decide(qualifiedBidders, bids, reserve, listing.Floor));
        if (bids.Count == 0) return close;
        var highest = Highest(bids).Amount;
        switch (terms.Style)
        {
            case TimedBiddingStyle.Jiangsu when DistinctBidders(bids, since: null) >= 2:
                // J1: timed bidding from the current highest quote; J2: the countdown runs from the deadline.
                return new DeadlineStep.StartTimed(highest, deadline.AddSeconds(terms.CountdownSeconds));
            case TimedBiddingStyle.Fujian when DistinctBidders(bids, since: BiddingTimeBefore(deadline, TimeSpan.FromSeconds(terms.ConversionWindowSeconds), suspensions ?? [])) >= 2:
                // F1: two or more bidders quoted in the last window → F3 preparation, then the auction.
                return terms.PreparationSeconds > 0
                    ? new DeadlineStep.Prepare(deadline.AddSeconds(terms.PreparationSeconds))
                    : AfterPreparation(listing, deadline, highest);
            default:
                return close;
        }
    }

    /// <summary>F4: the auction starts at the highest listing quote plus one timed-stage increment.</summary>
    public static DeadlineStep.StartTimed AfterPreparation(ListingDefinition listing, DateTimeOffset preparationEnd, decimal highest) =>
        new(highest + listing.TimedIncrement, preparationEnd.AddSeconds(listing.TimedBidding.CountdownSeconds));

    /// <summary>J2 / F7: every timed bid restarts the countdown from the bid's server time.</summary>
    public static DateTimeOffset TimedDeadlineAfterBid(ListingDefinition listing, DateTimeOffset bidAt) =>
        bidAt.AddSeconds(listing.TimedBidding.CountdownSeconds);

    /// <summary>
    /// The instant that lies <paramref name="span"/> of bidding time before <paramref name="end"/>: walking back from the
    /// end, the time inside <paramref name="suspensions"/> is skipped (R-FRZ-01: a suspended clock stands still).
    /// </summary>
    public static DateTimeOffset BiddingTimeBefore(DateTimeOffset end, TimeSpan span, IReadOnlyList<Suspension> suspensions)
    {
        var cursor = end;
        var left = span;
        foreach (var suspension in suspensions.Where(s => s.From < end).OrderByDescending(s => s.From))
        {
            var resumedAt = suspension.To < cursor ? suspension.To : cursor;
            var bidding = cursor - resumedAt;
            if (bidding >= left) return cursor - left;
            left -= bidding;
            cursor = suspension.From;
        }
        return cursor - left;
    }

    /// <summary>Bidders with a listing-phase quote at or after <paramref name="since"/> (all when null).</summary>
    public static int DistinctBidders(IReadOnlyList<BidFact> bids, DateTimeOffset? since) =>
        bids.Where(b => b.Phase == BidPhase.Listing && (since is null || b.At >= since))
            .Select(b => b.BidderNo).Distinct(StringComparer.Ordinal).Count();
}
