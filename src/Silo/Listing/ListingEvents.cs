using System.Text.Json.Serialization;
using Auction.Contracts.Listings;
using Auction.Silo.Methods.Tender;

namespace Auction.Silo.Listing;

/// <summary>
/// The facts of a listing's journal (DOMAIN §11.2), past tense. The discriminators are the event types of
/// API.md's stream; each event has a public projection (<see cref="ListingProjections"/>) and, un-redacted,
/// is the regulator's record. Effective times (when a phase really began or ended) are carried in the data,
/// so that a late timer records the right instant.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ListingPublished), "published")]
[JsonDerivedType(typeof(ReserveSealed), "reserveSealed")]
[JsonDerivedType(typeof(BidderQualified), "bidderQualified")]
[JsonDerivedType(typeof(BiddingOpened), "biddingOpened")]
[JsonDerivedType(typeof(BidAccepted), "bidAccepted")]
[JsonDerivedType(typeof(PreparationStarted), "preparationStarted")]
[JsonDerivedType(typeof(TimedBiddingStarted), "timedBiddingStarted")]
[JsonDerivedType(typeof(ListingSuspended), "suspended")]
[JsonDerivedType(typeof(ListingResumed), "resumed")]
[JsonDerivedType(typeof(ListingClosed), "closed")]
[JsonDerivedType(typeof(ListingTerminated), "terminated")]
[JsonDerivedType(typeof(IncrementChanged), "incrementChanged")]
[JsonDerivedType(typeof(TendersOpened), "tendersOpened")]
[JsonDerivedType(typeof(TendersCounted), "tendersCounted")]
[JsonDerivedType(typeof(EvaluationSheetRecorded), "evaluationSheetRecorded")]
[JsonDerivedType(typeof(TendersEvaluated), "evaluated")]
[JsonDerivedType(typeof(CapReached), "capReached")]
[JsonDerivedType(typeof(AreaBidAccepted), "areaBidAccepted")]
[JsonDerivedType(typeof(LotteryJoined), "lotteryJoined")]
[JsonDerivedType(typeof(LotteryDrawn), "lotteryDrawn")]
[JsonDerivedType(typeof(OneTimeConfirmed), "oneTimeConfirmed")]
[JsonDerivedType(typeof(OneTimeQuotingOpened), "oneTimeQuotingOpened")]
[JsonDerivedType(typeof(OneTimeQuotesOpened), "oneTimeQuotesOpened")]
[JsonDerivedType(typeof(ResultNoticePublished), "noticePublished")]
public abstract record ListingEvent;

/// <summary>
/// <see cref="Fingerprint"/> identifies the request body, so a reused requestId with another body is refused. A lottery
/// (price cap mode C) commits to a secret at publication (<c>priceCap.lotteryCommitment</c>); the secret itself travels
/// with this event: <see cref="LotterySecret"/> is the opened value the grain folds, <see cref="SealedLotterySecret"/> the
/// only form stored (AES-256-GCM, bound to <c>listing/{id}/lottery-secret</c>), until <see cref="LotteryDrawn"/> reveals it.
/// </summary>
public sealed record ListingPublished(
    ListingDefinition Definition, string RequestId, string PublishedBy, string? Fingerprint = null,
    string? LotterySecret = null, Sealing.SealedValue? SealedLotterySecret = null) : ListingEvent
{
    /// <summary>Records print their members: keep the secret out of any text made from this event (logs, exception messages).</summary>
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Definition = {Definition}, RequestId = {RequestId}, PublishedBy = {PublishedBy}, Fingerprint = {Fingerprint}, LotterySecret = {(LotterySecret is null ? "null" : "(sealed)")}");
        return true;
    }
}

/// <summary>
/// R-COM-07/08: the reserve is secret; only its existence is public. In the journal only <see cref="Sealed"/> is
/// stored (AES-256-GCM, bound to <c>listing/{id}/reserve</c>); <see cref="ReservePrice"/> is the opened value the
/// grain folds (journals written before sealing carried it in plain text and still load).
/// <see cref="AtPublication"/> marks the reserve that came with the publication request (for its idempotent replay).
/// </summary>
public sealed record ReserveSealed(decimal? ReservePrice, string SealedBy, Sealing.SealedValue? Sealed = null, bool AtPublication = false) : ListingEvent;

public sealed record BidderQualified(
    string BidderNo, string BidderId, string BidderName, string ApplicationId, string DepositAccount,
    decimal DepositPaid, DateTimeOffset DepositCompletedAt) : ListingEvent;

/// <summary>
/// Bidding opens: <see cref="Deadline"/> is the listing deadline or an online auction's first countdown (none on site);
/// <see cref="Phase"/> is the phase its bids are in (journals from before auctions carry none: listing).
/// </summary>
public sealed record BiddingOpened(DateTimeOffset OpenedAt, DateTimeOffset? Deadline, BidPhase Phase = BidPhase.Listing) : ListingEvent;

/// <summary>
/// An accepted bid; the entry's recorded time is the bid's server time (R-CONV-3). <see cref="Deadline"/> is the stage's
/// deadline after it (none in an on-site auction). A paddle bid in the hall has <see cref="Channel"/> floor and names the
/// auctioneer who recorded it (<see cref="RecordedBy"/>); its <see cref="RequestId"/> is the auctioneer's.
/// </summary>
public sealed record BidAccepted(
    string BidderNo, string BidderId, decimal Amount, BidPhase Phase, DateTimeOffset? Deadline, string RequestId,
    BidChannel Channel = BidChannel.Online, string? RecordedBy = null) : ListingEvent;

/// <summary>R-AUC-07, R-LST-04: the owning centre changed the increment of the current stage while bidding was open.</summary>
public sealed record IncrementChanged(decimal Increment, string Reason, string ChangedBy) : ListingEvent;

public sealed record PreparationStarted(DateTimeOffset StartedAt, DateTimeOffset Until) : ListingEvent;

public sealed record TimedBiddingStarted(DateTimeOffset StartedAt, decimal StartPrice, DateTimeOffset Deadline) : ListingEvent;

public sealed record ListingSuspended(string Reason, string SuspendedBy) : ListingEvent;

/// <summary>R-FRZ-03: the phase and deadlines that hold after the suspension.</summary>
public sealed record ListingResumed(
    string ResumedBy, ListingStage Stage, DateTimeOffset? Deadline, DateTimeOffset? BiddingEndsAt, TimeSpan SuspendedFor) : ListingEvent;

/// <summary>
/// The end of bidding: sold (with how the winner was determined) or failed (DOMAIN §6.7). After area bidding,
/// <see cref="AreaM2"/> is the winning build-and-hand-over area (null when nobody bid an area).
/// </summary>
public sealed record ListingClosed(
    CloseOutcome Outcome, FailureReason? Reason, string? WinnerBidderNo, decimal? Price, DateTimeOffset ClosedAt, DealMethod? DealMethod = null,
    decimal? AreaM2 = null) : ListingEvent;

public sealed record ListingTerminated(string Reason, string TerminatedBy) : ListingEvent;

/// <summary>
/// R-COM-14: the owning centre published the result notice (成交公示 / 流拍 notice) drafted at the end; the entry's time
/// is the publication time. The only event that may follow the end, once: it is evidence that the notice was in time.
/// </summary>
public sealed record ResultNoticePublished(string PublishedBy) : ListingEvent;

/// <summary>
/// The internal stage of a sale; "suspended" is orthogonal (DOMAIN §6.2). <see cref="Open"/> is bidding open: the
/// listing period of a listing, a running auction, an open tender box (stored as <c>listing</c>, its name before
/// auctions existed). <see cref="Evaluating"/>: a tender's box is opened and its award not yet decided.
/// <see cref="Capped"/>: the price cap was reached and the cap stage of the published mode decides the winner (§7.3).
/// </summary>
public enum ListingStage
{
    Announced,
    [JsonStringEnumMemberName("listing")] Open,
    Preparation,
    Timed,
    Closed,
    Terminated,
    Evaluating,
    Capped,
}
