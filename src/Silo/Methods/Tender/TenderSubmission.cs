using System.Text.Json;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Sealing;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Tender;

/// <summary>What a tender box item holds (the box encrypts it whole): enough to answer a replay and to open it.</summary>
public sealed record TenderPayload(string RequestId, decimal Amount, string? ProposalSha256, string Salt, string Commitment);

/// <summary>
/// Submitting a tender (R-TEN-02, API.md v2 "Tender"): who may, until when, at what amount; the item sealed for it and the
/// receipt its bidder gets; a repeat of the same request; and the tender as the opening reads it from the box.
/// </summary>
public static class TenderSubmission
{
    public static string TenderId(string listingId, string bidderNo) => $"{listingId}-T{bidderNo}";

    /// <summary>R-TEN-02, R-CONV-3: a first tender, judged at its server time.</summary>
    public static TenderDecision Submit(ListingState s, string box, SubmitTender command, DateTimeOffset now)
    {
        var d = s.Definition!;
        if (command.ProposalSha256 is not null && !TenderCommitment.IsLowerHex256(command.ProposalSha256))
            return TenderDecision.Reject(Rejection.Validation("proposalSha256", "must be the SHA-256 of the proposal as 64 lowercase hexadecimal characters"));
        if (s.Stage != ListingStage.Open)
            return TenderDecision.Reject(new Rejection(RejectionCodes.BiddingClosed, $"The tenders were opened at {s.BiddingEndsAt:O}; the box takes nothing more.", ServerTime: now));
        if (Bidding.PastDeadline(s, now) is { } late) return TenderDecision.Reject(late);
        if (Bidding.NotQualified(s, command.BidderId, now, out var bidder) is { } stranger) return TenderDecision.Reject(stranger);
        // The floor is public (R-IND-03), so a tender below it is refused at once rather than found invalid at the opening.
        if (d.Floor is { } floor && command.Amount < floor.Total) return TenderDecision.Reject(IndustrialFloor.Violation(floor, "A tender", command.Amount) with { ServerTime = now });
        if (command.Amount < d.StartingPrice)
            return TenderDecision.Reject(new Rejection(RejectionCodes.BidTooLow, $"A tender must be at least the starting price {d.StartingPrice}.", MinNextBid: d.StartingPrice, ServerTime: now));
        return new TenderDecision(new TenderToSeal(box, bidder!.BidderNo, command), null, null);
    }

    /// <summary>The bidder's place in the box is taken: a replay of the same request, or a refused second tender.</summary>
    public static TenderDecision Resubmitted(ListingState s, SubmitTender command, BoxReceipt existing)
    {
        var earlier = Read(existing);
        if (earlier.RequestId != command.RequestId)
            return TenderDecision.Reject(new Rejection(RejectionCodes.TenderAlreadySubmitted,
                "Your tender is sealed in the box; it can be neither withdrawn nor changed, and there is one per bidder (R-TEN-02)."));
        return earlier.Amount == command.Amount && earlier.ProposalSha256 == command.ProposalSha256
            ? new TenderDecision(null, null, Receipt(s.Definition!.ListingId, existing) with { Replayed = true })
            : TenderDecision.Reject(new Rejection(RejectionCodes.IdempotencyMismatch, $"Request {command.RequestId} already sealed a tender with another amount or proposal."));
    }

    /// <summary>The item sealed for a tender: the payload with its commitment under the server's salt, keyed by bidder number.</summary>
    public static BoxItem Item(string listingId, string bidderNo, SubmitTender command, string salt)
    {
        var commitment = TenderCommitment.Of(listingId, bidderNo, command.Amount, command.ProposalSha256, salt);
        var payload = new TenderPayload(command.RequestId, command.Amount, command.ProposalSha256, salt, commitment);
        return new BoxItem(bidderNo, JsonSerializer.Serialize(payload, JournalJson.Options), []);
    }

    public static TenderReceipt Receipt(string listingId, BoxReceipt item)
    {
        var p = Read(item);
        return new TenderReceipt(TenderId(listingId, item.Key), listingId, item.Key, p.Amount, item.SealedAt, p.Salt, p.Commitment, p.ProposalSha256, item.Seq, item.Hash);
    }

    /// <summary>A tender as the opening reads it: its bidder from the state, valid unless below the reserve (标底, R-COM-07).</summary>
    public static OpenedTender Opened(ListingState s, BoxReceipt item)
    {
        var p = Read(item);
        var bidder = s.QualifiedBidders.First(q => q.BidderNo == item.Key);
        var below = s.Reserve is { } reserve && p.Amount < reserve;
        return new OpenedTender(item.Key, bidder.BidderId, bidder.BidderName, p.Amount, item.SealedAt, p.ProposalSha256, p.Salt, p.Commitment,
            !below, below ? TenderInvalidReason.BelowReserve : null, item.Seq, item.Hash);
    }

    private static TenderPayload Read(BoxReceipt item) =>
        JsonSerializer.Deserialize<TenderPayload>(item.Payload, JournalJson.Options) ?? throw new JsonException($"an empty tender under {item.Key}");
}
