using Auction.Contracts.Caps;
using Auction.Contracts.Common;
using Auction.Contracts.Sealing;
using Auction.Silo.Methods.Caps;

namespace Auction.Silo.Listing;

/// <summary>
/// The cap stage's commands and reads (<see cref="IPriceCapGrain"/>, the same activation as the listing): decided by
/// <see cref="ListingEngine"/>, recorded like bids (durable before answered, idempotent by request id). A one-time quote
/// never enters the listing's journal: the grain seals it in the sale's box and only the box's opening is recorded.
/// </summary>
public sealed partial class ListingGrain : IPriceCapGrain
{
    public Task<Outcome<AreaBidReceipt>> PlaceAreaBid(PlaceAreaBid command) => Guarded(async now =>
    {
        var decision = engine.AreaBid(_state, command, now);
        if (decision.Replay is { } replay) return Outcome<AreaBidReceipt>.Success(AreaReceipt(replay) with { Replayed = true });
        if (decision.Rejection is { } rejection) return rejection;
        await Record(now, decision.Accepted!);
        return Outcome<AreaBidReceipt>.Success(AreaReceipt(_state.Cap!.AreaBidByRequest(command.BidderId, command.RequestId)!));
    });

    public Task<Outcome<StageEntryReceipt>> JoinLottery(JoinCapStage command) => Entry(command, engine.JoinLottery);

    public Task<Outcome<StageEntryReceipt>> ConfirmOneTimeQuote(JoinCapStage command) => Entry(command, engine.ConfirmOneTimeQuote);

    /// <summary>The engine judges the quote against the bidder's own item in the box, the box seals it, the engine reads the box's answer.</summary>
    public Task<Outcome<QuoteReceipt>> SubmitQuote(SubmitQuote command) => Guarded(async now =>
    {
        var decision = engine.Quote(_state, command, await OwnQuote(command.BidderId), now);
        if (decision.Replay is { } replay) return Outcome<QuoteReceipt>.Success(replay);
        if (decision.Rejection is { } rejection) return rejection;
        var sealedItem = await Box(engine.QuoteBox(_state)!).Seal(decision.ToSeal!, now);
        return sealedItem.IsSuccess ? engine.QuoteSealed(_state, command, sealedItem.Value!, now) : sealedItem.Rejection!;
    });

    public Task<Outcome<QuoteReceipt>> GetMyQuote(string bidderId) => Guarded(async _ => engine.MyQuote(_state, await OwnQuote(bidderId)));

    public Task<Outcome<LotteryView>> GetLottery() => Query(_ => engine.Lottery(_state));

    private Task<Outcome<StageEntryReceipt>> Entry(JoinCapStage command, Func<ListingState, JoinCapStage, DateTimeOffset, StageDecision<RecordedEntry>> decide) =>
        Guarded(async now =>
        {
            var decision = decide(_state, command, now);
            if (decision.Replay is { } replay) return Outcome<StageEntryReceipt>.Success(EntryReceipt(replay) with { Replayed = true });
            if (decision.Rejection is { } rejection) return rejection;
            await Record(now, decision.Accepted!);
            return Outcome<StageEntryReceipt>.Success(EntryReceipt(_state.Cap!.JoinedBy(_state.QualifiedBidder(command.BidderId)!.BidderNo)!));
        });

    /// <summary>The caller's own sealed quote (the box's <see cref="ISealedBoxGrain.Find"/>), when the sale has a box of quotes and the caller a number.</summary>
    private async Task<BoxReceipt?> OwnQuote(string bidderId) =>
        engine.QuoteBox(_state) is { } box && _state.QualifiedBidder(bidderId) is { } bidder
            ? (await Box(box).Find(bidder.BidderNo)).Value
            : null;

    private AreaBidReceipt AreaReceipt(RecordedAreaBid bid) =>
        new(bid.Seq, bid.Hash, ListingId, bid.BidderNo, bid.AreaM2, bid.At, bid.Deadline);

    private StageEntryReceipt EntryReceipt(RecordedEntry entry)
    {
        var stage = CapProjections.View(_state)!;
        return new StageEntryReceipt(entry.Seq, entry.Hash, ListingId, entry.BidderNo, entry.At, stage.JoinDeadline!.Value, stage.QuoteDeadline);
    }
}
