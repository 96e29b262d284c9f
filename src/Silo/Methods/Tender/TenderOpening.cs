using Auction.Contracts.Listings;
using Auction.Contracts.Sealing;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Tender;

/// <summary>
/// The opening (开标, R-TEN-03/04) at <c>biddingEndsAt</c> by the server clock: too few tenders fail the tender and stay
/// sealed; otherwise every tender is announced with its validity, and a price tender is awarded at once (R-TEN-06).
/// </summary>
public static class TenderOpening
{
    /// <summary>The box is due once the deadline has passed while it is open (caught up late, it still opens at the deadline).</summary>
    public static BoxOpening? Due(ListingState s, string box, DateTimeOffset now) =>
        s.Stage == ListingStage.Open && s.BiddingEndsAt is { } deadline && now >= deadline ? new BoxOpening(box, deadline) : null;

    /// <summary>
    /// R-TEN-04: fewer tenders than <c>minTenderers</c> (every tender counts, valid or not) → only the count is recorded and
    /// the tender fails <c>tooFewTenderers</c>; else <c>tendersOpened</c>, then the award the opening decides by itself.
    /// </summary>
    public static ListingEvent[] Opened(ListingState s, BoxOpening opening, OpenedBox box)
    {
        var terms = s.Definition!.Tender!;
        if (box.Items.Count < terms.MinTenderers)
            return [new TendersCounted(opening.Box, box.HeadHash, opening.At, box.Items.Count),
                Bidding.Close(CloseDecision.Failed(FailureReason.TooFewTenderers), opening.At, DealMethodOf(terms))];
        var tenders = box.Items.Select(item => TenderSubmission.Opened(s, item)).ToArray();
        var opened = new TendersOpened(opening.Box, box.HeadHash, opening.At, tenders);
        return Award(terms, tenders) is { } award ? [opened, Bidding.Close(award, opening.At, DealMethodOf(terms))] : [opened];
    }

    /// <summary>
    /// What the opening decides alone: no valid tender → failed <c>belowReserve</c>; a price tender → the highest valid
    /// tender at its amount, the earlier of equal ones (R-TEN-06, the listing rule's tie-break); a comprehensive tender →
    /// null, the committee decides.
    /// </summary>
    public static CloseDecision? Award(TenderTerms terms, IReadOnlyList<OpenedTender> tenders)
    {
        var valid = tenders.Where(t => t.Valid).Select(t => new BidFact(t.BidderNo, t.Amount, t.SubmittedAt, BidPhase.Tender)).ToArray();
        if (valid.Length == 0) return CloseDecision.Failed(FailureReason.BelowReserve);
        return terms.Evaluation == TenderEvaluation.HighestPrice ? CloseDecision.Sold(ClosingRules.Highest(valid)) : null;
    }

    public static DealMethod DealMethodOf(TenderTerms terms) =>
        terms.Evaluation == TenderEvaluation.HighestPrice ? DealMethod.TenderHighestPrice : DealMethod.TenderComprehensive;
}
