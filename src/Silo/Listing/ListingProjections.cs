using System.Text.Json;
using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Silo.Journal;
using Auction.Silo.Methods.Tender;

namespace Auction.Silo.Listing;

/// <summary>
/// What leaves the grain: the redacted public event of each journal entry (no identities, no reserve —
/// DOMAIN §11.3.4), the public snapshot and result, and the regulator's un-redacted record.
/// </summary>
public static class ListingProjections
{
    public static PublicListingEvent ToPublic(string listingId, JournalEntry entry, ListingEvent evt)
    {
        var e = new PublicListingEvent(listingId, entry.Seq, entry.Type, entry.At);
        if (CapProjections.ToPublic(e, evt) is { } capEvent) return capEvent;
        return evt switch
        {
            // The lottery's commitment is public from the start; its secret is not (it is revealed by lotteryDrawn).
            ListingPublished p => e with { LotteryCommitment = p.Definition.PriceCap?.LotteryCommitment },
            ReserveSealed => e,
            BidderQualified q => e with { BidderNo = q.BidderNo },
            BiddingOpened o => e with { Deadline = o.Deadline },
            BidAccepted b => e with { BidderNo = b.BidderNo, Amount = b.Amount, Phase = b.Phase, Deadline = b.Deadline, Channel = b.Channel },
            IncrementChanged i => e with { Increment = i.Increment, Reason = i.Reason },
            PreparationStarted p => e with { Until = p.Until },
            TimedBiddingStarted t => e with { StartPrice = t.StartPrice, Deadline = t.Deadline },
            ListingSuspended s => e with { Reason = s.Reason },
            ListingResumed r => e with { Deadline = r.Deadline },
            ListingClosed c => e with { Outcome = c.Outcome, Reason = c.Reason is { } reason ? JsonNamingPolicy.CamelCase.ConvertName(reason.ToString()) : null, WinnerBidderNo = c.WinnerBidderNo, Price = c.Price, DealMethod = c.DealMethod, AreaM2 = c.AreaM2 },
            ListingTerminated t => e with { Reason = t.Reason },
            // R-TEN-04: names and prices are announced at the opening; a box too small to open stays sealed (count only).
            TendersOpened o => e with { BoxHeadHash = o.BoxHeadHash, Tenders = o.Tenders.Select(t => t.ToView()).ToArray() },
            TendersCounted c => e with { BoxHeadHash = c.BoxHeadHash, TenderCount = c.Count },
            // The committee's identities and scores stay in the record; the public sees how many sheets are in.
            EvaluationSheetRecorded r => e with { SheetsRecorded = r.SheetNo },
            TendersEvaluated v => e with { Ranking = v.Ranking },
            ResultNoticePublished => e,
            _ => e,
        };
    }

    /// <summary>The public view; <paramref name="minNextBid"/> comes from the sale's method (null while price bidding is not open).</summary>
    public static ListingSnapshot Snapshot(string listingId, ListingState s, DateTimeOffset now, decimal? minNextBid)
    {
        var d = s.Definition!;
        return new ListingSnapshot(
            listingId, d.CentreId, d.Parcel, d.Method, s.Status, s.CurrentPhase, d.AnnouncedAt, d.BiddingStartsAt,
            s.BiddingEndsAt, s.Deadline, d.ApplicationDeadline, d.DepositDeadline, d.StartingPrice, s.CurrentIncrement,
            d.IncrementRule, d.Deposit, s.HasReserve, d.Floor, s.Highest?.Fact.Amount, s.Highest?.Fact.BidderNo,
            s.Bids.Count, minNextBid, s.Seq, now, d.TimedBidding, s.QualifiedBidders.Count, d.Auction, s.Closing?.DealMethod, d.Tender,
            d.PriceCap, CapProjections.View(s),
            // Listings published before the county table were not checked against it: their grade is the declared one.
            GradeSource: d.GradeSource ?? (d.Floor is null ? null : GradeSource.Declared));
    }

    public static PublicBid ToPublic(RecordedBid bid) => new(bid.Seq, bid.Fact.BidderNo, bid.Fact.Amount, bid.Fact.At, bid.Fact.Phase);

    /// <summary>Null until the listing has ended. The winner's name is public once sold (result notice).</summary>
    public static ListingResult? Result(ListingState s)
    {
        if (s.Closing is { } c)
        {
            var winnerName = c.WinnerBidderNo is null ? null : s.QualifiedBidders.First(q => q.BidderNo == c.WinnerBidderNo).BidderName;
            return new ListingResult(c.Outcome, c.Reason, c.WinnerBidderNo, winnerName, c.Price, c.ClosedAt, s.EndedSeq, c.DealMethod, c.AreaM2);
        }
        return s.Termination is not null
            ? new ListingResult(CloseOutcome.Failed, FailureReason.Terminated, null, null, null, s.EndedAt!.Value, s.EndedSeq)
            : null;
    }

    /// <summary>
    /// The regulator's record. On a damaged journal it is the record up to <paramref name="broken"/> (the state
    /// folded from the entries before the break; without a definition when the very first entry is bad).
    /// <paramref name="boxes"/> are the streams of the sealed boxes the sale has opened: none before an opening.
    /// </summary>
    public static RegulatorRecord Record(string listingId, ListingState s, IReadOnlyList<JournalEntry> entries, SignedCheckpoint? checkpoint,
        IReadOnlyList<JournalEntry> registration, IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> depositAccounts, RecordBreak? broken,
        IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> boxes) =>
        new(listingId, s.Definition, s.Reserve,
            entries.Select(ToRecord).ToArray(),
            s.QualifiedBidders.OrderBy(q => q.BidderNo, StringComparer.Ordinal)
                .Select(q => new BidderIdentity(q.BidderNo, q.BidderId, q.BidderName, q.ApplicationId, q.DepositAccount, q.DepositPaid, q.DepositCompletedAt))
                .ToArray(),
            s.Definition?.Floor, Result(s), s.IsPublished ? s.Status : null, checkpoint,
            registration.Select(ToRecord).ToArray(),
            depositAccounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new DepositAccountRecord(a.Key, a.Value.Select(ToRecord).ToArray())).ToArray(),
            broken,
            boxes.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new SealedBoxRecord(b.Key, b.Value.Select(ToRecord).ToArray())).ToArray());

    public static RecordEvent ToRecord(JournalEntry e) => new(e.Seq, e.Type, e.At, e.Data, e.Hash, e.PrevHash);
}
