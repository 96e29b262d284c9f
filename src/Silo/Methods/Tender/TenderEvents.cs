using Auction.Contracts.Listings;
using Auction.Silo.Listing;

namespace Auction.Silo.Methods.Tender;

/// <summary>
/// A tender as the opening found it in the box (R-TEN-03/04), un-redacted for the record: its bidder's identity beside
/// the public fields, and its entry in the box's chain (<see cref="BoxSeq"/>, <see cref="BoxHash"/>; the entry's time is
/// <see cref="SubmittedAt"/>).
/// </summary>
public sealed record OpenedTender(
    string BidderNo, string BidderId, string Name, decimal Amount, DateTimeOffset SubmittedAt, string? ProposalSha256,
    string Salt, string Commitment, bool Valid, TenderInvalidReason? InvalidReason, long BoxSeq, string BoxHash)
{
    public OpenedTenderView ToView() => new(BidderNo, Name, Amount, SubmittedAt, ProposalSha256, Salt, Commitment, Valid, InvalidReason);
}

/// <summary>
/// R-TEN-03/04: the tender box opened at <see cref="OpenedAt"/> (the deadline, even if caught up late) with enough
/// tenders; every tender is announced with its validity, and the box's chain head is recorded so one record covers both.
/// </summary>
public sealed record TendersOpened(string Box, string BoxHeadHash, DateTimeOffset OpenedAt, IReadOnlyList<OpenedTender> Tenders) : ListingEvent, IRecordsBoxOpening
{
    public BoxOpeningClaim Claim() =>
        new(Box, BoxHeadHash, OpenedAt, Tenders.Count, Tenders.Select(t => new SealedItemRef(t.BoxSeq, t.SubmittedAt, t.BoxHash)).ToArray());
}

/// <summary>R-TEN-04: fewer tenders than the minimum: the box was opened only to count them; they stay sealed for everyone.</summary>
public sealed record TendersCounted(string Box, string BoxHeadHash, DateTimeOffset CountedAt, int Count) : ListingEvent, IRecordsBoxOpening
{
    public BoxOpeningClaim Claim() => new(Box, BoxHeadHash, CountedAt, Count, []);
}

/// <summary>
/// R-TEN-05: one committee member's sheet (the <see cref="SheetNo"/>th), with the evaluator's identity for the record,
/// the scores in canonical order (by bidder number, then criterion), and the centre officer who recorded it.
/// </summary>
public sealed record EvaluationSheetRecorded(int SheetNo, Evaluator Evaluator, IReadOnlyList<SheetScore> Scores, string RequestId, string RecordedBy) : ListingEvent;

/// <summary>R-TEN-05/06: the committee's sheets are all in; the valid tenders ranked by the pinned arithmetic, best first.</summary>
public sealed record TendersEvaluated(IReadOnlyList<RankingRow> Ranking) : ListingEvent;
