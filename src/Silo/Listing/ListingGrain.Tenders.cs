using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Sealing;
using Auction.Silo.Methods;
using Auction.Silo.Methods.Tender;

namespace Auction.Silo.Listing;

/// <summary>
/// Tenders through the listing grain. A tender is sealed in the sale's box (its own grain and chain) and nothing is
/// recorded, published or logged here: the listing's stream, views and hub learn about tenders only at the opening,
/// which <see cref="CatchUp"/> performs. The salt is drawn here, not in the pure decider.
/// </summary>
public sealed partial class ListingGrain
{
    public Task<Outcome<TenderReceipt>> SubmitTender(SubmitTender command) => Guarded(async now =>
    {
        var decision = engine.Tender(_state, command, await EarlierTender(command.BidderId), now);
        if (decision.Replay is { } replay) return Outcome<TenderReceipt>.Success(replay);
        if (decision.Rejection is { } rejection) return rejection;
        var toSeal = decision.ToSeal!;
        var sealing = await Box(toSeal.Box).Seal(toSeal.Item(ListingId, TenderCommitment.NewSalt()), now);
        if (!sealing.IsSuccess) return sealing.Rejection!;
        if (sealing.Value!.Sealed is { } item) return Outcome<TenderReceipt>.Success(engine.TenderReceipt(_state, item)!);
        // Only the listing seals into its box and it looked first, so this is an earlier attempt whose answer was lost.
        var again = engine.Tender(_state, command, sealing.Value.Existing, now);
        return again.Replay is { } earlier ? Outcome<TenderReceipt>.Success(earlier) : again.Rejection!;
    });

    public Task<Outcome<TenderReceipt>> GetMyTender(string bidderId) => Guarded(async _ =>
    {
        if (!_state.IsPublished) return ListingEngine.NotFound();
        return engine.TenderReceipt(_state, await EarlierTender(bidderId)) is { } receipt
            ? Outcome<TenderReceipt>.Success(receipt)
            : new Rejection(RejectionCodes.TenderNotFound, "You have no tender in this sale.");
    });

    public Task<Outcome<SheetReceipt>> RecordSheet(CentreActor actor, EvaluationSheet sheet) => Guarded(async now =>
    {
        var decision = engine.RecordSheet(_state, actor, sheet, now);
        if (decision.Replay is { } replay) return Outcome<SheetReceipt>.Success(Receipt(replay) with { Replayed = true });
        if (decision.Rejection is { } rejection) return rejection;
        await Record(now, decision.Events);
        return Outcome<SheetReceipt>.Success(Receipt(_state.Tenders.SheetByRequest(sheet.RequestId)!));
    });

    /// <summary>The bidder's own item in the tender box, if any (the box answers only by key).</summary>
    private async Task<BoxReceipt?> EarlierTender(string bidderId) =>
        engine.TenderPlace(_state, bidderId) is { } place ? (await Box(place.Box).Find(place.Key)).Value : null;

    private SheetReceipt Receipt(RecordedSheet sheet) =>
        new(ListingId, sheet.Seq, sheet.Hash, sheet.Sheet.Evaluator, sheet.At, sheet.Sheet.SheetNo, _state.Definition!.Tender!.CommitteeSize ?? 0);
}
