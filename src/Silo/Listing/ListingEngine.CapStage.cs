using Auction.Contracts.Caps;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Sealing;
using Auction.Silo.Methods.Caps;
using Auction.Silo.Rules;

namespace Auction.Silo.Listing;

/// <summary>
/// The cap-stage commands (API.md v2 "Price caps"): the engine checks what they share (a known sale, a request id, that
/// the sale's cap mode offers the command, else <c>WRONG_CAP_MODE</c>) and hands them to the mode's capability.
/// </summary>
public sealed partial class ListingEngine
{
    /// <summary>Mode A: an area bid (竞配建).</summary>
    public StageDecision<RecordedAreaBid> AreaBid(ListingState s, PlaceAreaBid command, DateTimeOffset now) =>
        Stage<IAreaBidding>(s, CapMode.HousingArea, command.RequestId, out var stage) is { } refused
            ? StageDecision<RecordedAreaBid>.Reject(refused)
            : stage!.AreaBid(s, command, now);

    /// <summary>Mode C: a lottery entry (摇号).</summary>
    public StageDecision<RecordedEntry> JoinLottery(ListingState s, JoinCapStage command, DateTimeOffset now) =>
        Stage<ILotteryEntries>(s, CapMode.Lottery, command.RequestId, out var stage) is { } refused
            ? StageDecision<RecordedEntry>.Reject(refused)
            : stage!.Join(s, command, now);

    /// <summary>Mode B: a confirmation to take part in the one-time quote (B3).</summary>
    public StageDecision<RecordedEntry> ConfirmOneTimeQuote(ListingState s, JoinCapStage command, DateTimeOffset now) =>
        Stage<IOneTimeQuoting>(s, CapMode.OneTimeQuote, command.RequestId, out var stage) is { } refused
            ? StageDecision<RecordedEntry>.Reject(refused)
            : stage!.Confirm(s, command, now);

    /// <summary>The box the sale's one-time quotes are sealed in, or null when the sale has no one-time quote.</summary>
    public string? QuoteBox(ListingState s) => s.IsPublished && _caps.Of(s) is IOneTimeQuoting quoting ? quoting.QuoteBox : null;

    /// <summary>Mode B: what to seal for a one-time quote (B5), given the bidder's own item in the box if there is one.</summary>
    public QuoteDecision Quote(ListingState s, SubmitQuote command, BoxReceipt? own, DateTimeOffset now) =>
        Stage<IOneTimeQuoting>(s, CapMode.OneTimeQuote, command.RequestId, out var stage) is { } refused
            ? new QuoteDecision(null, refused, null)
            : stage!.Quote(s, command, own, now);

    /// <summary>Mode B: what the box's answer to a sealed quote means.</summary>
    public Outcome<QuoteReceipt> QuoteSealed(ListingState s, SubmitQuote command, BoxSealResult result, DateTimeOffset now) =>
        ((IOneTimeQuoting)_caps.Of(s)!).Sealed(s, command, result, now);

    /// <summary>Mode B: the caller's own sealed quote, the only read of a quote before the opening.</summary>
    public Outcome<QuoteReceipt> MyQuote(ListingState s, BoxReceipt? own) =>
        Stage<IOneTimeQuoting>(s, CapMode.OneTimeQuote, null, out var stage) is { } refused ? refused
        : own is null ? new Rejection(RejectionCodes.QuoteNotFound, "You have not quoted in this sale's one-time quote.")
        : Outcome<QuoteReceipt>.Success(stage!.Receipt(s, own));

    /// <summary>Mode C: the public lottery (commitment; entrants, secret and winner once drawn).</summary>
    public Outcome<LotteryView> Lottery(ListingState s) =>
        Stage<ILotteryEntries>(s, CapMode.Lottery, null, out var stage) is { } refused ? refused : Outcome<LotteryView>.Success(stage!.View(s));

    private Rejection? Stage<TCapability>(ListingState s, CapMode mode, string? requestId, out TCapability? stage) where TCapability : class
    {
        stage = null;
        if (!s.IsPublished) return NotFound();
        if (requestId is not null && (requestId.Length == 0 || requestId.Length > PublicationRules.MaxRequestIdLength))
            return Rejection.Validation("requestId", $"must be 1..{PublicationRules.MaxRequestIdLength} characters");
        stage = _caps.Of(s) as TCapability;
        return stage is null ? CapStageRules.WrongMode(s, mode) : null;
    }
}
