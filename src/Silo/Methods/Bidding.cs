using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods;

/// <summary>
/// The bid rules every price-bidding method shares (R-BID-02/03/06, R-CONV-3): who may bid, the deadline judged by the
/// bid's own timestamp, the price against the current stage's increment and the price cap (CAP-G4), and the cap quote
/// that hands the sale to its cap stage (CAP-G3). Called by the methods, never copied.
/// </summary>
public static class Bidding
{
    /// <summary>R-BID-06: only qualified bidders with a complete deposit; the refusal when the caller is not one.</summary>
    public static Rejection? NotQualified(ListingState s, string bidderId, DateTimeOffset now, out BidderQualified? bidder)
    {
        bidder = s.QualifiedBidder(bidderId);
        return bidder is null
            ? new Rejection(RejectionCodes.NotQualified, "Only qualified bidders with a complete deposit may bid (您未交纳保证金, R-BID-06).", ServerTime: now)
            : null;
    }

    /// <summary>The deadline is judged by the bid's own timestamp, whether or not a timer has fired (ARCHITECTURE §3).</summary>
    public static Rejection? PastDeadline(ListingState s, DateTimeOffset now) =>
        s.Deadline is { } deadline && now >= deadline
            ? new Rejection(RejectionCodes.BiddingClosed, $"The deadline {deadline:O} has passed (报价超出截止时间).", ServerTime: now)
            : null;

    /// <summary>
    /// R-BID-02/03/04: at least the starting price, then the current price plus the current increment, by the sale's
    /// rule; CAP-G4: never above the price cap, and exactly the cap when less than one increment is left below it.
    /// </summary>
    public static Rejection? PriceProblem(ListingState s, decimal amount, DateTimeOffset now) =>
        PriceRules.Check(amount, s.Highest?.Fact.Amount, s.Definition!.StartingPrice, s.CurrentIncrement, s.Definition.IncrementRule, s.Definition.PriceCap?.Amount) is { } low
            ? low with { ServerTime = now }
            : null;

    /// <summary>The lowest bid the current stage accepts (the cap itself when the next step would pass it).</summary>
    public static decimal MinNextBid(ListingState s) =>
        PriceRules.MinNextBid(s.Highest?.Fact.Amount, s.Definition!.StartingPrice, s.CurrentIncrement, s.Definition.PriceCap?.Amount);

    /// <summary>
    /// Accepts a bid the method has judged. CAP-G3: the bid at the cap is the cap quote; <c>capReached</c> follows it in the
    /// same append and the cap stage of the published mode takes over.
    /// </summary>
    public static BidDecision Accept(ListingState s, BidAccepted bid, DateTimeOffset at) =>
        s.Definition!.PriceCap is { } cap && bid.Amount == cap.Amount
            ? BidDecision.Accept(bid) with { FollowUps = [Caps.CapStages.Standard.For(cap.Mode)!.Reached(s, bid.BidderNo, bid.Amount, at)] }
            : BidDecision.Accept(bid);

    /// <summary>
    /// R-FRZ-03 and API.md: the bidding deadline after a suspension that ends at <paramref name="now"/>, moved by the part
    /// of the suspension that fell inside the bidding period (none of it before <c>biddingStartsAt</c>).
    /// </summary>
    public static DateTimeOffset EndsAfterSuspension(ListingState s, DateTimeOffset now)
    {
        var suspendedAt = s.SuspendedAt!.Value;
        var startsAt = s.Definition!.BiddingStartsAt;
        var lostBiddingTime = now - (suspendedAt > startsAt ? suspendedAt : startsAt);
        var endsAt = s.BiddingEndsAt!.Value;
        return lostBiddingTime > TimeSpan.Zero ? endsAt + lostBiddingTime : endsAt;
    }

    public static ListingClosed Close(CloseDecision decision, DateTimeOffset at, DealMethod dealMethod) =>
        new(decision.Outcome, decision.Reason, decision.WinnerBidderNo, decision.Price, at,
            decision.Outcome == CloseOutcome.Sold ? dealMethod : null);
}
