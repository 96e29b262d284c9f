using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Tender;

/// <summary>
/// What a tender's record guarantees (the record verifier checks the shared invariants first, and the box's own stream
/// against the opening after the fold): no bids; the box opens once, at the deadline, counted (R-TEN-04) or announced with
/// commitments that recompute and validity that agrees with the reserve; sheets only after the opening, complete and one
/// per evaluator; a ranking that the pinned arithmetic reproduces; and the award the opening or the ranking decides.
/// </summary>
public static class TenderInvariants
{
    public static string? Check(ListingState s, JournalEntry entry, ListingEvent evt)
    {
        if (s.Definition!.Tender is not { } terms) return "a tender is published without its terms";
        return evt switch
        {
            BidAccepted => "a tender takes no bids",
            PreparationStarted or TimedBiddingStarted => "a tender has no preparation or timed bidding",
            BiddingOpened { Phase: not BidPhase.Tender } o => $"a tender opens a {o.Phase} phase",
            TendersCounted c => Counted(s, terms, c),
            TendersOpened o => Opened(s, terms, o),
            EvaluationSheetRecorded sheet => Sheet(s, terms, sheet),
            TendersEvaluated e => Evaluated(s, terms, e),
            ListingClosed c => Closed(s, terms, c),
            _ => null,
        };
    }

    private static string? AtTheOpening(ListingState s, string box, DateTimeOffset at) =>
        s.Stage != ListingStage.Open || s.IsSuspended ? $"the box opens only while it is open and not suspended (stage {s.Stage})"
        : at != s.BiddingEndsAt ? $"the box opens at the deadline {s.BiddingEndsAt:O}, not at {at:O} (R-TEN-03)"
        : box != TenderMethod.TenderBox ? $"tenders are sealed in the box '{TenderMethod.TenderBox}', not '{box}'"
        : null;

    private static string? Counted(ListingState s, TenderTerms terms, TendersCounted c) =>
        AtTheOpening(s, c.Box, c.CountedAt)
        ?? (c.Count >= terms.MinTenderers ? $"{c.Count} tenders are not too few for {terms.MinTenderers} (R-TEN-04)" : null);

    private static string? Opened(ListingState s, TenderTerms terms, TendersOpened o)
    {
        if (AtTheOpening(s, o.Box, o.OpenedAt) is { } notNow) return notNow;
        if (o.Tenders.Count < terms.MinTenderers) return $"{o.Tenders.Count} tenders are too few to open for {terms.MinTenderers} (R-TEN-04)";
        if (o.Tenders.Select(t => t.BidderNo).Distinct(StringComparer.Ordinal).Count() != o.Tenders.Count) return "a bidder has two tenders (R-TEN-02)";
        var d = s.Definition!;
        foreach (var t in o.Tenders)
        {
            var why = s.QualifiedBidders.FirstOrDefault(q => q.BidderNo == t.BidderNo) is not { } bidder || bidder.BidderId != t.BidderId || bidder.BidderName != t.Name
                    ? $"tender {t.BidderNo} is not the tender of that qualified bidder"
                : t.SubmittedAt < d.BiddingStartsAt || t.SubmittedAt >= o.OpenedAt ? $"tender {t.BidderNo} was submitted at {t.SubmittedAt:O}, outside the box's opening hours"
                : !TenderCommitment.IsLowerHex256(t.Salt) || t.ProposalSha256 is not null && !TenderCommitment.IsLowerHex256(t.ProposalSha256)
                    ? $"tender {t.BidderNo} has a malformed salt or proposal hash"
                : t.Commitment != TenderCommitment.Of(d.ListingId, t.BidderNo, t.Amount, t.ProposalSha256, t.Salt)
                    ? $"the commitment of tender {t.BidderNo} does not recompute from its fields"
                : d.Floor is { } floor && t.Amount < floor.Total ? $"tender {t.BidderNo} of {t.Amount} is below the industrial floor {floor.Total}"
                : t.Amount < d.StartingPrice ? $"tender {t.BidderNo} of {t.Amount} is below the starting price {d.StartingPrice}"
                : t.Valid == (t.InvalidReason is not null) ? $"tender {t.BidderNo} is valid {t.Valid} with invalid reason {t.InvalidReason}"
                : !t.Valid && !s.HasReserve ? $"tender {t.BidderNo} is invalid though there is no reserve"
                : s.Reserve is { } reserve && t.Valid != (t.Amount >= reserve) ? $"tender {t.BidderNo} is valid {t.Valid} against the reserve"
                : null;
            if (why is not null) return why;
        }
        // Sealed, the reserve is unknown to an offline verifier; the validities must still split the amounts at one line.
        var valid = o.Tenders.Where(t => t.Valid).Select(t => t.Amount).DefaultIfEmpty(decimal.MaxValue).Min();
        return o.Tenders.Any(t => !t.Valid && t.Amount >= valid) ? "an invalid tender is not below every valid one" : null;
    }

    private static string? Sheet(ListingState s, TenderTerms terms, EvaluationSheetRecorded e) =>
        terms.Evaluation != TenderEvaluation.Comprehensive ? "a price tender has no committee sheets"
        : s.Stage != ListingStage.Evaluating || s.IsSuspended ? $"a sheet is recorded only while the tenders are being evaluated (stage {s.Stage})"
        : e.SheetNo != s.Tenders.Sheets.Count + 1 || e.SheetNo > terms.CommitteeSize ? $"sheet {e.SheetNo} follows {s.Tenders.Sheets.Count} of a committee of {terms.CommitteeSize}"
        : s.Tenders.SheetBy(e.Evaluator.Id) is not null || s.Tenders.SheetByRequest(e.RequestId) is not null ? $"evaluator {e.Evaluator.Id} or request {e.RequestId} has a sheet already"
        : EvaluationSheets.Problems(terms, s.Tenders.Valid, new EvaluationSheet(e.Evaluator, e.Scores, e.RequestId)) is { } invalid
            ? $"the sheet of {e.Evaluator.Id} is incomplete or out of range ({string.Join(", ", invalid.Errors?.Keys ?? [])})"
        : null;

    private static string? Evaluated(ListingState s, TenderTerms terms, TendersEvaluated e)
    {
        if (terms.Evaluation != TenderEvaluation.Comprehensive || s.Stage != ListingStage.Evaluating || s.IsSuspended || s.Tenders.Ranking is not null)
            return $"the ranking comes once, in a comprehensive evaluation (stage {s.Stage})";
        if (s.Tenders.Sheets.Count != terms.CommitteeSize) return $"the ranking needs {terms.CommitteeSize} sheets, not {s.Tenders.Sheets.Count}";
        var expected = TenderScoring.Rank(terms, s.Tenders.Valid.Select(t => new ScoredTender(t.BidderNo, t.Amount, t.SubmittedAt)).ToArray(),
            s.Tenders.Sheets.Select(x => x.Sheet.Scores).ToArray());
        return expected.Count == e.Ranking.Count && expected.Zip(e.Ranking).All(p => SameRow(p.First, p.Second))
            ? null
            : "the ranking is not what the sheets give by the pinned arithmetic (R-TEN-05)";
    }

    /// <summary>The award the opening decides (price, or no valid tender) or the ranking's best (comprehensive).</summary>
    private static string? Closed(ListingState s, TenderTerms terms, ListingClosed c)
    {
        if (s.Stage == ListingStage.Open)
            return c.Reason == FailureReason.TooFewTenderers ? null : "a tender closes at its opening or after its evaluation";
        var award = TenderOpening.Award(terms, s.Tenders.Opened);
        if (award is null && s.Tenders.Ranking is [var best, ..])
            award = new CloseDecision(CloseOutcome.Sold, null, best.BidderNo, s.Tenders.Opened.Single(t => t.BidderNo == best.BidderNo).Amount);
        if (award is null) return "a comprehensive tender is awarded only after its evaluation";
        var dealMethod = award.Outcome == CloseOutcome.Sold ? TenderOpening.DealMethodOf(terms) : (DealMethod?)null;
        return (c.Outcome, c.Reason, c.WinnerBidderNo, c.Price, c.DealMethod) == (award.Outcome, award.Reason, award.WinnerBidderNo, award.Price, dealMethod)
            ? null
            : $"closed {c.Outcome} ({c.Reason}, {c.WinnerBidderNo} at {c.Price}), but the tenders award {award.Outcome} ({award.Reason}, {award.WinnerBidderNo} at {award.Price})";
    }

    private static bool SameRow(RankingRow a, RankingRow b) =>
        (a.BidderNo, a.PricePoints, a.CriteriaPoints, a.Total) == (b.BidderNo, b.PricePoints, b.CriteriaPoints, b.Total)
        && a.Criteria.Count == b.Criteria.Count && a.Criteria.All(x => b.Criteria.TryGetValue(x.Key, out var v) && v == x.Value);
}
