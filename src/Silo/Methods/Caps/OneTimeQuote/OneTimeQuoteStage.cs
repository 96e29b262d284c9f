using System.Globalization;
using Auction.Contracts.Caps;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Sealing;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;
using Auction.Silo.Sealing.Box;

namespace Auction.Silo.Methods.Caps.OneTimeQuote;

/// <summary>
/// Mode B, the one-time quote closest to the average (一次报价, Suzhou rule, DOMAIN §7.3 B): qualified bidders confirm
/// until <c>joinDeadline</c> = max(cap quote + confirmSeconds, a listing's <c>biddingEndsAt</c>) (B3; the cap quote's
/// bidder too); then, until joinDeadline + quoteSeconds, each confirmed bidder seals one quote, whole yuan within
/// [min, max], that no other bidder has quoted (B4, B5). The quotes stay in the sale's sealed box, unread by anyone,
/// until the box opens at the quoting deadline; then <see cref="ClosestToAverage"/> decides (B6), or, with no quote, the
/// cap quote's bidder wins at the cap (B7).
/// </summary>
public sealed class OneTimeQuoteStage : ICapStage, IOneTimeQuoting
{
    public const string Box = "one-time-quotes";

    public CapMode Mode => CapMode.OneTimeQuote;

    public DealMethod DealMethod => DealMethod.CapThenOneTimeQuote;

    public string QuoteBox => Box;

    public void Validate(PriceCapTerms cap, FieldErrors errors)
    {
        PriceCapRules.RequireSeconds(errors, "priceCap.confirmSeconds", cap.ConfirmSeconds, PriceCapRules.MaxWindowSeconds);
        PriceCapRules.RequireSeconds(errors, "priceCap.quoteSeconds", cap.QuoteSeconds, PriceCapRules.MaxWindowSeconds);
        if (cap.OneTimeQuote is not { } range)
        {
            errors.Add("priceCap.oneTimeQuote", "is required for mode oneTimeQuote: { min, max } in whole yuan");
            return;
        }
        if (WholeYuanProblem(range.Min) is { } min) errors.Add("priceCap.oneTimeQuote.min", min);
        else if (range.Min < cap.Amount) errors.Add("priceCap.oneTimeQuote.min", $"must be at least the cap {cap.Amount} (B4: quotes start at the cap)");
        if (WholeYuanProblem(range.Max) is { } max) errors.Add("priceCap.oneTimeQuote.max", max);
        else if (range.Max <= range.Min) errors.Add("priceCap.oneTimeQuote.max", "must be above min");
    }

    public PriceCapTerms Complete(PriceCapTerms cap) => cap with
    {
        ConfirmSeconds = cap.ConfirmSeconds ?? PriceCapTerms.DefaultConfirmSeconds,
        QuoteSeconds = cap.QuoteSeconds ?? PriceCapTerms.DefaultQuoteSeconds,
    };

    public (PriceCapTerms Terms, string? Secret) Commit(PriceCapTerms cap, byte[]? secret) => (cap, null);

    public CapReached Reached(ListingState s, string bidderNo, decimal amount, DateTimeOffset at) =>
        new(Mode, bidderNo, amount, CapStageRules.NotBeforeListingEnd(s, at.AddSeconds(s.Definition!.PriceCap!.ConfirmSeconds ?? PriceCapTerms.DefaultConfirmSeconds)));

    /// <summary>At the joining deadline quoting opens; at the quoting deadline the box opens (<see cref="OpeningDue"/>), not a timer transition.</summary>
    public ListingEvent? DueTransition(ListingState s, DateTimeOffset due) =>
        s.Cap!.Quoting is null ? new OneTimeQuotingOpened(due, due.AddSeconds(QuoteSeconds(s))) : null;

    public BidDecision Bid(ListingState s, PlaceBid command, DateTimeOffset now) => CapStageRules.PriceBidRefused(s, now);

    public ListingResumed Resume(ListingState s, string resumedBy, DateTimeOffset now) => CapStageRules.Resume(s, resumedBy, now);

    public DateTimeOffset? CountdownDeadline(ListingState s) => null;

    public BoxOpening? OpeningDue(ListingState s, DateTimeOffset now) =>
        s.IsCapped && s.Cap!.Quoting is not null && s.Cap.QuotesOpened is null && s.Deadline is { } deadline && now >= deadline
            ? new BoxOpening(Box, deadline)
            : null;

    /// <summary>B6–B8: every quote, the average and the winner become public, and the sale closes at the winner's own amount.</summary>
    public ListingEvent[] Opened(ListingState s, BoxOpening opening, OpenedBox box)
    {
        var quotes = box.Items.Select(Opened).ToArray();
        var (average, winner) = ClosestToAverage.Decide(quotes);
        var opened = new OneTimeQuotesOpened(opening.Box, box.HeadHash, quotes, average, winner?.BidderNo ?? s.Cap!.Reached.BidderNo, opening.At);
        return [opened, Closing(s, opened)];
    }

    public StageDecision<RecordedEntry> Confirm(ListingState s, JoinCapStage command, DateTimeOffset now)
    {
        var bidderNo = s.QualifiedBidder(command.BidderId)?.BidderNo;
        if (bidderNo is not null && s.Cap?.JoinedBy(bidderNo) is { } earlier && earlier.RequestId == command.RequestId)
            return StageDecision<RecordedEntry>.Replayed(earlier);
        if (CapStageRules.Refusal(s, now) is { } refused) return StageDecision<RecordedEntry>.Reject(refused);
        if (s.Cap!.Quoting is { } quoting)
            return StageDecision<RecordedEntry>.Reject(new Rejection(RejectionCodes.BiddingClosed, $"Confirmations closed at {quoting.OpenedAt:O} (B3: no confirmation in time is a waiver).", ServerTime: now));
        if (Bidding.NotQualified(s, command.BidderId, now, out var bidder) is { } stranger) return StageDecision<RecordedEntry>.Reject(stranger);
        if (s.Cap.JoinedBy(bidder!.BidderNo) is not null)
            return StageDecision<RecordedEntry>.Reject(new Rejection(RejectionCodes.AlreadyJoined, $"Bidder {bidder.BidderNo} confirmed already.", ServerTime: now));
        return StageDecision<RecordedEntry>.Accept(new OneTimeConfirmed(bidder.BidderNo, command.BidderId, command.RequestId));
    }

    public QuoteDecision Quote(ListingState s, SubmitQuote command, BoxReceipt? own, DateTimeOffset now)
    {
        if (own is not null && Payload(own) is var earlier && earlier.RequestId == command.RequestId)
            return earlier.Amount == command.Amount
                ? new QuoteDecision(null, null, Receipt(s, own, replayed: true))
                : Refuse(new Rejection(RejectionCodes.IdempotencyMismatch, $"Request {command.RequestId} was already used for a quote of {earlier.Amount}."));
        var range = s.Definition!.PriceCap!.OneTimeQuote!;
        if ((WholeYuanProblem(command.Amount) ?? (command.Amount < range.Min || command.Amount > range.Max ? $"must be within [{range.Min}, {range.Max}] (B4)" : null)) is { } invalid)
            return Refuse(Rejection.Validation("amount", invalid));
        if (CapStageRules.Refusal(s, now) is { } refused) return Refuse(refused);
        if (s.Cap!.Quoting is null)
            return Refuse(new Rejection(RejectionCodes.QuotingNotOpen, $"Quotes are taken from the joining deadline {s.Deadline:O} until {s.Deadline!.Value.AddSeconds(QuoteSeconds(s)):O}.", ServerTime: now));
        if (Bidding.NotQualified(s, command.BidderId, now, out var bidder) is { } stranger) return Refuse(stranger);
        if (s.Cap.JoinedBy(bidder!.BidderNo) is null)
            return Refuse(new Rejection(RejectionCodes.NotConfirmed, $"Bidder {bidder.BidderNo} did not confirm by {s.Cap.Quoting.OpenedAt:O}; only confirmed bidders quote (B3).", ServerTime: now));
        if (own is not null)
            return Refuse(new Rejection(RejectionCodes.QuoteAlreadySubmitted, $"Bidder {bidder.BidderNo} has quoted already; a quote is final (B5).", ServerTime: now));
        var payload = JournalJson.Serialize(new QuotePayload(bidder.BidderNo, command.Amount, command.RequestId));
        return new QuoteDecision(new BoxItem(bidder.BidderNo, payload, [UniqueAmount(command.Amount)]), null, null);
    }

    public Outcome<QuoteReceipt> Sealed(ListingState s, SubmitQuote command, BoxSealResult result, DateTimeOffset now)
    {
        if (result.Sealed is { } item) return Outcome<QuoteReceipt>.Success(Receipt(s, item));
        if (result.Existing is { } existing)
            return Payload(existing) is var earlier && earlier.RequestId == command.RequestId && earlier.Amount == command.Amount
                ? Outcome<QuoteReceipt>.Success(Receipt(s, existing, replayed: true))
                : new Rejection(RejectionCodes.QuoteAlreadySubmitted, "This bidder has quoted already; a quote is final (B5).", ServerTime: now);
        return new Rejection(RejectionCodes.QuoteTaken, $"Another bidder has quoted {command.Amount} already; the system refuses a value quoted before (B5): quote another figure.", ServerTime: now);
    }

    public QuoteReceipt Receipt(ListingState s, BoxReceipt item, bool replayed = false)
    {
        var payload = Payload(item);
        var listingId = s.Definition!.ListingId;
        return new QuoteReceipt(listingId, payload.BidderNo, payload.Amount, item.SealedAt, item.Seq, item.Hash,
            SealedBoxGrain.StreamOf(SealedBoxes.KeyOf(listingId, Box)), replayed);
    }

    public string? Invariant(ListingState s, JournalEntry entry, ListingEvent evt) => evt switch
    {
        OneTimeConfirmed c => CapStageRules.CommandInvariant(s, entry, c.BidderId, c.BidderNo)
            ?? (s.Cap!.Quoting is not null ? "a confirmation after the joining deadline" : null)
            ?? (s.Cap.JoinedBy(c.BidderNo) is not null ? $"bidder {c.BidderNo} confirms twice" : null),
        OneTimeQuotingOpened q => s.Cap!.Quoting is not null ? "quoting opens twice"
            : CapStageRules.DueInvariant(s, entry, q.OpenedAt)
            ?? (q.Deadline != q.OpenedAt.AddSeconds(QuoteSeconds(s)) ? $"quoting must end {QuoteSeconds(s)} s after it opens, not at {q.Deadline:O}" : null),
        OneTimeQuotesOpened o => OpeningInvariant(s, entry, o),
        ListingClosed when s.Cap!.QuotesOpened is null => "the one-time quote closes without its opening",
        ListingClosed c => CapStageRules.DueInvariant(s, entry, c.ClosedAt) ?? CapStageRules.CloseInvariant(this, c, Closing(s, s.Cap!.QuotesOpened!)),
        CapStageEvent other => $"{JournalJson.TypeName<ListingEvent>(other)} is not an event of the one-time quote",
        _ => null,
    };

    /// <summary>The record proves the opening: only confirmed bidders, each once, unique whole-yuan amounts in range, quoted while quoting was open, and the B6 result.</summary>
    private string? OpeningInvariant(ListingState s, JournalEntry entry, OneTimeQuotesOpened o)
    {
        if (s.Cap!.Quoting is not { } quoting) return "the box opens before quoting opened";
        if (s.Cap.QuotesOpened is not null) return "the box opens twice";
        if (o.Box != Box) return $"the quotes are in box {Box}, not {o.Box}";
        if (CapStageRules.DueInvariant(s, entry, o.OpenedAt) is { } early) return early;
        var range = s.Definition!.PriceCap!.OneTimeQuote!;
        foreach (var q in o.Quotes)
        {
            if (s.Cap.JoinedBy(q.BidderNo) is null) return $"bidder {q.BidderNo} quoted without confirming";
            if (WholeYuanProblem(q.Amount) is not null || q.Amount < range.Min || q.Amount > range.Max) return $"the quote {q.Amount} is not whole yuan within [{range.Min}, {range.Max}]";
            if (q.SubmittedAt < quoting.OpenedAt || q.SubmittedAt >= o.OpenedAt) return $"the quote of {q.BidderNo} was sealed at {q.SubmittedAt:O}, outside quoting";
        }
        if (o.Quotes.Select(q => q.BidderNo).Distinct().Count() != o.Quotes.Count) return "a bidder quoted twice";
        if (o.Quotes.Select(q => q.Amount).Distinct().Count() != o.Quotes.Count) return "two bidders quoted the same amount (B5)";
        var (average, winner) = ClosestToAverage.Decide(o.Quotes);
        var expectedWinner = winner?.BidderNo ?? s.Cap.Reached.BidderNo;
        return average == o.Average && expectedWinner == o.WinnerBidderNo ? null
            : $"the quotes give average {average?.ToString(CultureInfo.InvariantCulture) ?? "none"} and winner {expectedWinner}, not {o.Average} and {o.WinnerBidderNo}";
    }

    /// <summary>Sold to the winner at its own quote, or (B7, nobody quoted) to the cap quote's bidder at the cap.</summary>
    private ListingClosed Closing(ListingState s, OneTimeQuotesOpened opened) =>
        CapStageRules.Sold(this, opened.WinnerBidderNo, opened.Quotes.FirstOrDefault(q => q.BidderNo == opened.WinnerBidderNo)?.Amount ?? CapStageRules.Cap(s), opened.OpenedAt);

    private static int QuoteSeconds(ListingState s) => s.Definition!.PriceCap!.QuoteSeconds ?? PriceCapTerms.DefaultQuoteSeconds;

    private static QuoteDecision Refuse(Rejection rejection) => new(null, rejection, null);

    /// <summary>B5: the box refuses a value another key holds.</summary>
    private static string UniqueAmount(decimal amount) => $"amount:{amount.ToString("0", CultureInfo.InvariantCulture)}";

    private static QuotePayload Payload(BoxReceipt item) => JournalJson.Deserialize<QuotePayload>(item.Payload);

    /// <summary>An opened item as the opening publishes it: bidder number, amount, when it was sealed (B8).</summary>
    private static OpenedQuote Opened(BoxReceipt item)
    {
        var quote = Payload(item);
        return new OpenedQuote(quote.BidderNo, quote.Amount, item.SealedAt);
    }

    /// <summary>B5: precision 1 yuan.</summary>
    private static string? WholeYuanProblem(decimal amount) =>
        MoneyRules.Problem(amount) ?? (decimal.Truncate(amount) != amount ? "must be whole yuan (B5: precision 1 yuan)" : null);

    /// <summary>A sealed quote as the box keeps it (encrypted whole).</summary>
    internal sealed record QuotePayload(string BidderNo, decimal Amount, string RequestId);
}
