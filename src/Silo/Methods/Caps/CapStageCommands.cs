using Auction.Contracts.Caps;
using Auction.Contracts.Common;
using Auction.Contracts.Sealing;
using Auction.Silo.Listing;

namespace Auction.Silo.Methods.Caps;

/// <summary>The decision on a cap-stage command: an event to record, a rejection, or what the same request recorded before.</summary>
public sealed record StageDecision<TRecorded>(ListingEvent? Accepted, Rejection? Rejection, TRecorded? Replay) where TRecorded : class
{
    public static StageDecision<TRecorded> Reject(Rejection rejection) => new(null, rejection, null);

    public static StageDecision<TRecorded> Accept(ListingEvent accepted) => new(accepted, null, null);

    public static StageDecision<TRecorded> Replayed(TRecorded earlier) => new(null, null, earlier);
}

/// <summary>Mode A (竞配建): qualified bidders bid build-and-hand-over areas once the cap is reached.</summary>
public interface IAreaBidding
{
    StageDecision<RecordedAreaBid> AreaBid(ListingState s, PlaceAreaBid command, DateTimeOffset now);
}

/// <summary>Mode C (摇号): qualified bidders enter the draw before the joining deadline; anyone can read and recompute it.</summary>
public interface ILotteryEntries
{
    StageDecision<RecordedEntry> Join(ListingState s, JoinCapStage command, DateTimeOffset now);

    /// <summary>API.md <c>GET …/lottery</c>: the commitment, and once drawn everything needed to recompute the draw.</summary>
    LotteryView View(ListingState s);
}

/// <summary>What to do with a one-time quote: seal this item in the box, refuse it, or answer the earlier receipt of the same request.</summary>
public sealed record QuoteDecision(BoxItem? ToSeal, Rejection? Rejection, QuoteReceipt? Replay);

/// <summary>
/// Mode B (一次报价): qualified bidders confirm before the joining deadline, then each confirmed bidder seals one quote in
/// the sale's box until the quoting deadline; the box opens then (<see cref="ISealedSubmissions"/>). The grain does the
/// box's I/O between the pure steps: it finds the bidder's own item, asks <see cref="Quote"/>, seals, and asks
/// <see cref="Sealed"/> what the box's answer means.
/// </summary>
public interface IOneTimeQuoting : ISealedSubmissions
{
    /// <summary>The name of the sale's box of quotes.</summary>
    string QuoteBox { get; }

    StageDecision<RecordedEntry> Confirm(ListingState s, JoinCapStage command, DateTimeOffset now);

    /// <param name="own">The bidder's own item in the box (<see cref="ISealedBoxGrain.Find"/>), or null.</param>
    QuoteDecision Quote(ListingState s, SubmitQuote command, BoxReceipt? own, DateTimeOffset now);

    /// <summary>The receipt, or why the box did not take the item (QUOTE_TAKEN: another bidder quoted that value, B5).</summary>
    Outcome<QuoteReceipt> Sealed(ListingState s, SubmitQuote command, BoxSealResult result, DateTimeOffset now);

    /// <summary>A bidder's own sealed quote as its receipt.</summary>
    QuoteReceipt Receipt(ListingState s, BoxReceipt item, bool replayed = false);
}
