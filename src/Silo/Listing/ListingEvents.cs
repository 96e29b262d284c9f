using System.Text.Json.Serialization;
using Auction.Contracts.Listings;

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
public abstract record ListingEvent;

/// <summary><see cref="Fingerprint"/> identifies the request body, so a reused requestId with another body is refused.</summary>
public sealed record ListingPublished(ListingDefinition Definition, string RequestId, string PublishedBy, string? Fingerprint = null) : ListingEvent;

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

public sealed record BiddingOpened(DateTimeOffset OpenedAt, DateTimeOffset Deadline) : ListingEvent;

/// <summary>An accepted bid; the entry's recorded time is the bid's server time (R-CONV-3).</summary>
public sealed record BidAccepted(
    string BidderNo, string BidderId, decimal Amount, BidPhase Phase, DateTimeOffset Deadline, string RequestId) : ListingEvent;

public sealed record PreparationStarted(DateTimeOffset StartedAt, DateTimeOffset Until) : ListingEvent;

public sealed record TimedBiddingStarted(DateTimeOffset StartedAt, decimal StartPrice, DateTimeOffset Deadline) : ListingEvent;

public sealed record ListingSuspended(string Reason, string SuspendedBy) : ListingEvent;

/// <summary>R-FRZ-03: the phase and deadlines that hold after the suspension.</summary>
public sealed record ListingResumed(
    string ResumedBy, ListingStage Stage, DateTimeOffset? Deadline, DateTimeOffset BiddingEndsAt, TimeSpan SuspendedFor) : ListingEvent;

public sealed record ListingClosed(
    CloseOutcome Outcome, FailureReason? Reason, string? WinnerBidderNo, decimal? Price, DateTimeOffset ClosedAt) : ListingEvent;

public sealed record ListingTerminated(string Reason, string TerminatedBy) : ListingEvent;

/// <summary>The internal stage of a listing; "suspended" is orthogonal (DOMAIN §6.2).</summary>
public enum ListingStage { Announced, Listing, Preparation, Timed, Closed, Terminated }
