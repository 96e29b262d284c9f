namespace Auction.Contracts.Listings;

/// <summary>
/// A sealed tender (投标, R-TEN-02): the amount and, optionally, the SHA-256 of the written proposal. Sealed in the
/// sale's tender box until the opening; never withdrawn or changed. <see cref="RequestId"/> makes a retry return the
/// first receipt.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.submit-tender")]
public sealed record SubmitTender(
    [property: Id(0)] string BidderId,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string? ProposalSha256,
    [property: Id(3)] string RequestId);

/// <summary>
/// The receipt of a sealed tender, for its bidder only until the opening. <see cref="Commitment"/> is the hex SHA-256 of
/// <c>{listingId}|{bidderNo}|{amount with 2 decimals}|{proposalSha256 or empty}|{salt}</c> with the server's random
/// <see cref="Salt"/>; <see cref="Seq"/> and <see cref="Hash"/> are those of its entry in the tender box's own chain.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.tender-receipt")]
public sealed record TenderReceipt(
    [property: Id(0)] string TenderId,
    [property: Id(1)] string ListingId,
    [property: Id(2)] string BidderNo,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] DateTimeOffset SubmittedAt,
    [property: Id(5)] string Salt,
    [property: Id(6)] string Commitment,
    [property: Id(7)] string? ProposalSha256,
    [property: Id(8)] long Seq,
    [property: Id(9)] string Hash,
    [property: Id(10)] bool Replayed = false);

/// <summary>A member of the evaluation committee (评标小组, R-TEN-05), as the centre records their sheet.</summary>
[GenerateSerializer, Immutable, Alias("auction.evaluator")]
public sealed record Evaluator([property: Id(0)] string Id, [property: Id(1)] string Name);

/// <summary>One evaluator's score of one tender (by bidder number) on one criterion.</summary>
[GenerateSerializer, Immutable, Alias("auction.sheet-score")]
public sealed record SheetScore([property: Id(0)] string BidderNo, [property: Id(1)] string Criterion, [property: Id(2)] decimal Score);

/// <summary>A committee member's scoring sheet: every valid tender on every criterion (API.md v2 <c>evaluation/sheets</c>).</summary>
[GenerateSerializer, Immutable, Alias("auction.evaluation-sheet")]
public sealed record EvaluationSheet(
    [property: Id(0)] Evaluator Evaluator,
    [property: Id(1)] IReadOnlyList<SheetScore> Scores,
    [property: Id(2)] string RequestId);

/// <summary>The acknowledgement of a recorded sheet: its entry in the listing's stream and how many sheets are in.</summary>
[GenerateSerializer, Immutable, Alias("auction.sheet-receipt")]
public sealed record SheetReceipt(
    [property: Id(0)] string ListingId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Hash,
    [property: Id(3)] Evaluator Evaluator,
    [property: Id(4)] DateTimeOffset RecordedAt,
    [property: Id(5)] int SheetsRecorded,
    [property: Id(6)] int CommitteeSize,
    [property: Id(7)] bool Replayed = false);

/// <summary>Why an opened tender does not count for the award.</summary>
public enum TenderInvalidReason { BelowReserve }

/// <summary>
/// A tender as the opening announces it (R-TEN-04: each bidder's name and price), with what lets its bidder and anyone
/// else recompute its commitment.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.opened-tender-view")]
public sealed record OpenedTenderView(
    [property: Id(0)] string BidderNo,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] DateTimeOffset SubmittedAt,
    [property: Id(4)] string? ProposalSha256,
    [property: Id(5)] string Salt,
    [property: Id(6)] string Commitment,
    [property: Id(7)] bool Valid,
    [property: Id(8)] TenderInvalidReason? InvalidReason);

/// <summary>
/// One valid tender's place in a comprehensive evaluation (API.md v2 pinned): price points, the committee's mean per
/// criterion (<see cref="Criteria"/>, by criterion id), their sum and the total, each rounded half-up to 2 decimals.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.ranking-row")]
public sealed record RankingRow(
    [property: Id(0)] string BidderNo,
    [property: Id(1)] decimal PricePoints,
    [property: Id(2)] decimal CriteriaPoints,
    [property: Id(3)] decimal Total,
    [property: Id(4)] IReadOnlyDictionary<string, decimal> Criteria);
