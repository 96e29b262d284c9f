using Auction.Contracts.Caps;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Caps.HousingArea;

/// <summary>
/// Mode A, build-and-hand-over area (竞配建 / 竞无偿移交面积, DOMAIN §7.3 A; Xiamen, Guangzhou, Taicang): once capped, no
/// price moves any more; qualified bidders bid the floor area they will build and hand over, ordered like price bids
/// (the first at least <c>start</c>, each later one at least one <c>step</c> more, whole steps under
/// <c>integerMultiple</c>) on a countdown each area bid restarts (<c>priceCap.countdownSeconds</c>, never ending before a
/// listing's <c>biddingEndsAt</c>). At the deadline the largest area wins at the cap; with no area bid, the cap quote's
/// bidder does.
/// </summary>
public sealed class HousingAreaStage : ICapStage, IAreaBidding
{
    public CapMode Mode => CapMode.HousingArea;

    public DealMethod DealMethod => DealMethod.CapThenArea;

    public void Validate(PriceCapTerms cap, FieldErrors errors)
    {
        PriceCapRules.RequireSeconds(errors, "priceCap.countdownSeconds", cap.CountdownSeconds, PriceCapRules.MaxCountdownSeconds);
        if (cap.HousingArea is not { } area)
        {
            errors.Add("priceCap.housingArea", "is required for mode housingArea: { start, step } in m²");
            return;
        }
        if (AreaProblem(area.Start) is { } start) errors.Add("priceCap.housingArea.start", start);
        if (AreaProblem(area.Step) is { } step) errors.Add("priceCap.housingArea.step", step);
    }

    public PriceCapTerms Complete(PriceCapTerms cap) => cap with { CountdownSeconds = cap.CountdownSeconds ?? PriceCapTerms.DefaultCountdownSeconds };

    public (PriceCapTerms Terms, string? Secret) Commit(PriceCapTerms cap, byte[]? secret) => (cap, null);

    public CapReached Reached(ListingState s, string bidderNo, decimal amount, DateTimeOffset at) =>
        new(Mode, bidderNo, amount, DeadlineAfter(s, at));

    /// <summary>At the deadline: the largest area wins at the cap; nobody bid an area → the cap quote's bidder.</summary>
    public ListingEvent? DueTransition(ListingState s, DateTimeOffset due) => Closing(s, due);

    public BidDecision Bid(ListingState s, PlaceBid command, DateTimeOffset now) => CapStageRules.PriceBidRefused(s, now);

    public ListingResumed Resume(ListingState s, string resumedBy, DateTimeOffset now) => CapStageRules.Resume(s, resumedBy, now);

    public DateTimeOffset? CountdownDeadline(ListingState s) => s.IsSuspended ? null : s.Deadline;

    /// <summary>§7.3 A, Taicang: area bids follow the ordering rules of price bids (R-BID-02/03), in m².</summary>
    public StageDecision<RecordedAreaBid> AreaBid(ListingState s, PlaceAreaBid command, DateTimeOffset now)
    {
        if (s.Cap?.AreaBidByRequest(command.BidderId, command.RequestId) is { } earlier)
            return earlier.AreaM2 == command.AreaM2
                ? StageDecision<RecordedAreaBid>.Replayed(earlier)
                : StageDecision<RecordedAreaBid>.Reject(new Rejection(RejectionCodes.IdempotencyMismatch, $"Request {command.RequestId} was already used for an area bid of {earlier.AreaM2} m²."));
        if (AreaProblem(command.AreaM2) is { } invalid) return StageDecision<RecordedAreaBid>.Reject(Rejection.Validation("areaM2", invalid));
        if (CapStageRules.Refusal(s, now) is { } refused) return StageDecision<RecordedAreaBid>.Reject(refused);
        if (Bidding.NotQualified(s, command.BidderId, now, out var bidder) is { } stranger) return StageDecision<RecordedAreaBid>.Reject(stranger);
        if (OrderProblem(s, command.AreaM2) is { } low) return StageDecision<RecordedAreaBid>.Reject(low with { ServerTime = now });
        return StageDecision<RecordedAreaBid>.Accept(new AreaBidAccepted(bidder!.BidderNo, command.BidderId, command.AreaM2, DeadlineAfter(s, now), command.RequestId));
    }

    public string? Invariant(ListingState s, JournalEntry entry, ListingEvent evt) => evt switch
    {
        AreaBidAccepted a => CapStageRules.CommandInvariant(s, entry, a.BidderId, a.BidderNo)
            ?? (OrderProblem(s, a.AreaM2) is { } low ? $"the area bid {a.AreaM2} m² breaks the ordering rule: {low.Message}" : null)
            ?? (a.Deadline != DeadlineAfter(s, entry.At) ? $"the area countdown after a bid at {entry.At:O} ends at {DeadlineAfter(s, entry.At):O}, not {a.Deadline:O}" : null),
        ListingClosed c => CapStageRules.DueInvariant(s, entry, c.ClosedAt) ?? CapStageRules.CloseInvariant(this, c, Closing(s, c.ClosedAt)),
        CapStageEvent other => $"{JournalJson.TypeName<ListingEvent>(other)} is not an event of area bidding",
        _ => null,
    };

    private ListingClosed Closing(ListingState s, DateTimeOffset at) =>
        s.Cap!.LeadingArea is { } leading
            ? CapStageRules.Sold(this, leading.BidderNo, CapStageRules.Cap(s), at, leading.AreaM2)
            : CapStageRules.Sold(this, s.Cap.Reached.BidderNo, CapStageRules.Cap(s), at);

    /// <summary>API.md pinned: max(<c>biddingEndsAt</c> for listings, the last area bid — or the cap quote — + countdownSeconds).</summary>
    private static DateTimeOffset DeadlineAfter(ListingState s, DateTimeOffset at) =>
        CapStageRules.NotBeforeListingEnd(s, at.AddSeconds(s.Definition!.PriceCap!.CountdownSeconds ?? PriceCapTerms.DefaultCountdownSeconds));

    private static Rejection? OrderProblem(ListingState s, decimal areaM2)
    {
        var terms = s.Definition!.PriceCap!.HousingArea!;
        var current = s.Cap?.LeadingArea?.AreaM2;
        if (PriceRules.Check(areaM2, current, terms.Start, terms.Step, s.Definition.IncrementRule) is not { } refused) return null;
        var rule = s.Definition.IncrementRule == IncrementRule.IntegerMultiple ? ", in whole steps" : "";
        return refused with
        {
            Message = current is null
                ? $"The first area bid must be at least {terms.Start} m²{rule} (DOMAIN §7.3 A); the smallest valid area now is {refused.MinNextBid} m²."
                : $"An area bid must be at least the current {current} m² plus one step of {terms.Step} m²{rule} (DOMAIN §7.3 A); the smallest valid area now is {refused.MinNextBid} m².",
        };
    }

    private static string? AreaProblem(decimal areaM2) =>
        areaM2 <= 0 || areaM2 > PublicationRules.MaxAreaM2 || decimal.Round(areaM2, 2) != areaM2
            ? $"must be greater than 0 and at most {PublicationRules.MaxAreaM2:0} m², with at most 2 decimals"
            : null;
}
