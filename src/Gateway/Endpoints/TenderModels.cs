using System.Text.Json.Serialization;
using Auction.Contracts.Listings;

namespace Auction.Gateway.Endpoints;

// API.md v2 "Tender": the publication's tender block, a tender, a committee sheet, and their receipts.

public sealed record CriterionRequest(string Id, string Name, decimal MaxScore);

/// <summary>The <c>tender</c> block; <c>minTenderers</c> defaults to 3 (R-TEN-04), the rest is for comprehensive tenders.</summary>
public sealed record TenderRequest(
    TenderEvaluation Evaluation = TenderEvaluation.HighestPrice, int? MinTenderers = null, int? CommitteeSize = null,
    decimal? PriceWeight = null, IReadOnlyList<CriterionRequest>? Criteria = null)
{
    public TenderTerms ToTerms() =>
        new(Evaluation, MinTenderers ?? TenderTerms.DefaultMinTenderers, CommitteeSize, PriceWeight,
            Criteria?.Select(c => new TenderCriterion(c.Id, c.Name, c.MaxScore)).ToArray());
}

/// <summary><c>POST /api/listings/{id}/tenders</c>: the amount and, optionally, the SHA-256 of the written proposal.</summary>
public sealed record TenderSubmissionRequest(string RequestId, decimal Amount, string? ProposalSha256 = null);

/// <summary>
/// The tender receipt of API.md (<c>tenderId, bidderNo, amount, submittedAt, salt, commitment</c>) plus the proposal hash it
/// committed to, and <c>seq</c> and <c>hash</c>: its entry in the tender box's own chain (not a listing <c>seq</c>).
/// </summary>
public sealed record TenderReceiptBody(
    string TenderId, string BidderNo, decimal Amount, DateTimeOffset SubmittedAt, string Salt, string Commitment,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ProposalSha256, long Seq, string Hash)
{
    public static TenderReceiptBody From(TenderReceipt r) =>
        new(r.TenderId, r.BidderNo, r.Amount, r.SubmittedAt, r.Salt, r.Commitment, r.ProposalSha256, r.Seq, r.Hash);
}

public sealed record EvaluatorRequest(string Id, string Name);

public sealed record SheetScoreRequest(string BidderNo, string Criterion, decimal Score);

/// <summary><c>POST /api/listings/{id}/evaluation/sheets</c>: one committee member's scores of every valid tender on every criterion.</summary>
public sealed record SheetRequest(string RequestId, EvaluatorRequest Evaluator, IReadOnlyList<SheetScoreRequest> Scores)
{
    public EvaluationSheet ToSheet() =>
        new(new Evaluator(Evaluator.Id, Evaluator.Name), Scores.Select(s => new SheetScore(s.BidderNo, s.Criterion, s.Score)).ToArray(), RequestId);
}

/// <summary>The sheet's receipt: its entry in the listing's stream, and how many of the committee's sheets are in with it.</summary>
public sealed record SheetReceiptBody(long Seq, string Hash, string ListingId, Evaluator Evaluator, DateTimeOffset RecordedAt, int SheetsRecorded, int CommitteeSize)
{
    public static SheetReceiptBody From(SheetReceipt r) => new(r.Seq, r.Hash, r.ListingId, r.Evaluator, r.RecordedAt, r.SheetsRecorded, r.CommitteeSize);
}
