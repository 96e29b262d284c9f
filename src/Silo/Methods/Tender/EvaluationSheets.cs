using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Tender;

/// <summary>
/// The committee's sheets of a comprehensive tender (R-TEN-05, API.md v2 <c>evaluation/sheets</c>): after the opening,
/// one sheet per evaluator scoring every valid tender on every criterion within its maximum; the last of
/// <c>committeeSize</c> sheets ranks the tenders and awards the best at its tendered amount (R-TEN-06).
/// </summary>
public static class EvaluationSheets
{
    public const int MaxEvaluatorIdLength = 64;
    public const int MaxEvaluatorNameLength = 200;

    public static SheetDecision Record(ListingState s, CentreActor recordedBy, EvaluationSheet sheet, DateTimeOffset now)
    {
        var terms = s.Definition!.Tender!;
        if (s.Tenders.SheetByRequest(sheet.RequestId) is { } earlier)
            return SameSheet(earlier.Sheet, sheet, terms)
                ? new SheetDecision([], null, earlier)
                : SheetDecision.Reject(new Rejection(RejectionCodes.IdempotencyMismatch, $"Request {sheet.RequestId} already recorded the sheet of {earlier.Sheet.Evaluator.Id}, with other content."));
        if (terms.Evaluation != TenderEvaluation.Comprehensive)
            return Invalid("This tender is awarded to the highest price at the opening (R-TEN-06); it has no committee sheets.", now);
        if (s.IsEnded) return Invalid($"The evaluation is over: the listing is {s.StatusName}.", now);
        if (s.IsSuspended)
            return SheetDecision.Reject(new Rejection(RejectionCodes.ListingSuspended, "The listing is suspended; no sheet is recorded until it resumes.", ServerTime: now));
        if (s.Stage != ListingStage.Evaluating)
            return Invalid($"The tenders open at {s.BiddingEndsAt:O}; sheets are recorded after the opening.", now);
        if (Problems(terms, s.Tenders.Valid, sheet) is { } invalid) return SheetDecision.Reject(invalid);
        if (s.Tenders.SheetBy(sheet.Evaluator.Id) is { } recorded)
            return SheetDecision.Reject(new Rejection(RejectionCodes.SheetAlreadyRecorded, $"Evaluator {sheet.Evaluator.Id} has a sheet already (seq {recorded.Seq}); one sheet per evaluator."));

        var evt = new EvaluationSheetRecorded(s.Tenders.Sheets.Count + 1, sheet.Evaluator, Canonical(sheet.Scores, terms), sheet.RequestId, recordedBy.UserId);
        if (evt.SheetNo < terms.CommitteeSize) return new SheetDecision([evt], null, null);

        // The last sheet: rank, and award the best at its own amount.
        var valid = s.Tenders.Valid;
        var ranking = TenderScoring.Rank(terms, valid.Select(t => new ScoredTender(t.BidderNo, t.Amount, t.SubmittedAt)).ToArray(),
            [.. s.Tenders.Sheets.Select(x => x.Sheet.Scores), evt.Scores]);
        var winner = valid.Single(t => t.BidderNo == ranking[0].BidderNo);
        var award = new CloseDecision(Contracts.Listings.CloseOutcome.Sold, null, winner.BidderNo, winner.Amount);
        return new SheetDecision([evt, new TendersEvaluated(ranking), Bidding.Close(award, now, DealMethod.TenderComprehensive)], null, null);
    }

    /// <summary>
    /// What makes a sheet unusable, as VALIDATION_FAILED per field: the evaluator, a score for something that is not a
    /// valid tender or a criterion, a score outside 0..maxScore or finer than the hundredth, a pair scored twice, or
    /// pairs missing (every valid tender × every criterion).
    /// </summary>
    public static Rejection? Problems(TenderTerms terms, IReadOnlyList<OpenedTender> valid, EvaluationSheet sheet)
    {
        var errors = new FieldErrors();
        errors.RequireText("evaluator.id", sheet.Evaluator?.Id, MaxEvaluatorIdLength);
        errors.RequireText("evaluator.name", sheet.Evaluator?.Name, MaxEvaluatorNameLength);
        var criteria = terms.Criteria!.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var numbers = valid.Select(t => t.BidderNo).ToHashSet(StringComparer.Ordinal);
        var scored = new HashSet<(string, string)>();
        var scores = sheet.Scores ?? [];
        for (var i = 0; i < scores.Count; i++)
        {
            var x = scores[i];
            if (x is null)
            {
                errors.Add($"scores[{i}]", "is required");
                continue;
            }
            if (!numbers.Contains(x.BidderNo ?? ""))
                errors.Add($"scores[{i}].bidderNo", $"must be the number of a valid tender ({string.Join(", ", numbers.Order(StringComparer.Ordinal))})");
            if (!criteria.TryGetValue(x.Criterion ?? "", out var criterion))
                errors.Add($"scores[{i}].criterion", $"must be one of the criteria ({string.Join(", ", criteria.Keys)})");
            else if (x.Score < 0 || x.Score > criterion.MaxScore || decimal.Round(x.Score, 2) != x.Score)
                errors.Add($"scores[{i}].score", $"must be 0..{criterion.MaxScore} ({criterion.Id}) with at most 2 decimals");
            if (!scored.Add((x.BidderNo ?? "", x.Criterion ?? "")))
                errors.Add($"scores[{i}]", $"scores {x.BidderNo} on {x.Criterion} a second time");
        }
        var expected = numbers.Count * criteria.Count;
        if (scores.Count != expected || !errors.Any && scored.Count != expected)
            errors.Add("scores", $"must score every valid tender ({string.Join(", ", numbers.Order(StringComparer.Ordinal))}) on every criterion ({string.Join(", ", criteria.Keys)}): {expected} scores, not {scores.Count}");
        return errors.Any ? errors.ToRejection() : null;
    }

    /// <summary>Scores by bidder number, then in the published order of the criteria: a replay compares equal whatever its order.</summary>
    public static IReadOnlyList<SheetScore> Canonical(IReadOnlyList<SheetScore> scores, TenderTerms terms)
    {
        var order = terms.Criteria!.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return scores.OrderBy(x => x.BidderNo, StringComparer.Ordinal).ThenBy(x => order.GetValueOrDefault(x.Criterion ?? "", int.MaxValue)).ToArray();
    }

    private static bool SameSheet(EvaluationSheetRecorded earlier, EvaluationSheet sheet, TenderTerms terms) =>
        earlier.Evaluator == sheet.Evaluator && sheet.Scores is not null && sheet.Scores.All(x => x is not null)
        && earlier.Scores.SequenceEqual(Canonical(sheet.Scores, terms));

    private static SheetDecision Invalid(string message, DateTimeOffset now) =>
        SheetDecision.Reject(new Rejection(RejectionCodes.InvalidTransition, message, ServerTime: now));
}
