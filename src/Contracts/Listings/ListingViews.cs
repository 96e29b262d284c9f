using System.Text.Json.Serialization;

namespace Auction.Contracts.Listings;

/// <summary>
/// The public listing view of API.md. Never carries the reserve (only <see cref="HasReserve"/>) nor any bidder
/// identity (only bidder numbers), nor the number of qualified bidders before the close (API.md v2: bidder counts are
/// kept from competitors; <see cref="QualifiedBidders"/> stays inside the cluster). <see cref="Seq"/> is the last event
/// the view reflects. <see cref="GradeSource"/> (industrial and warehouse land only): whether the county table confirmed
/// the land grade or the centre's declaration stands.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.listing-view")]
public sealed record ListingSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string Centre,
    [property: Id(2)] Parcel Parcel,
    [property: Id(3)] GrantMethod Method,
    [property: Id(4)] ListingStatus Status,
    [property: Id(5)] BidPhase? Phase,
    [property: Id(6)] DateTimeOffset AnnouncedAt,
    [property: Id(7)] DateTimeOffset BiddingStartsAt,
    [property: Id(8)] DateTimeOffset? BiddingEndsAt,
    [property: Id(9)] DateTimeOffset? Deadline,
    [property: Id(10)] DateTimeOffset ApplicationDeadline,
    [property: Id(11)] DateTimeOffset DepositDeadline,
    [property: Id(12)] decimal StartingPrice,
    [property: Id(13)] decimal Increment,
    [property: Id(14)] IncrementRule IncrementRule,
    [property: Id(15)] decimal Deposit,
    [property: Id(16)] bool HasReserve,
    [property: Id(17)] FloorComputation? Floor,
    [property: Id(18)] decimal? CurrentPrice,
    [property: Id(19)] string? LeadingBidderNo,
    [property: Id(20)] int BidCount,
    [property: Id(21)] decimal? MinNextBid,
    [property: Id(22)] long Seq,
    [property: Id(23)] DateTimeOffset ServerTime,
    [property: Id(24)] TimedBiddingTerms TimedBidding,
    [property: Id(25), JsonIgnore] int QualifiedBidders,
    [property: Id(26), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AuctionTerms? Auction = null,
    [property: Id(27), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DealMethod? DealMethod = null,
    [property: Id(28), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TenderTerms? Tender = null,
    [property: Id(29), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PriceCapTerms? PriceCap = null,
    [property: Id(30), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Caps.CapStageView? CapStage = null,
    [property: Id(31), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GradeSource? GradeSource = null)
{
    /// <summary>The view's <c>qualifiedBidders</c>: present only once the listing has ended.</summary>
    [JsonPropertyName("qualifiedBidders"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? QualifiedBiddersOnceEnded =>
        Status is ListingStatus.Sold or ListingStatus.Failed or ListingStatus.Terminated ? QualifiedBidders : null;
}

/// <summary>
/// One event of the listing's public stream: the redacted projection of a journal entry, sharing its
/// <see cref="Seq"/>. Only the fields of its <see cref="Type"/> are set (API.md "ListingEvent").
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.public-event")]
public sealed record PublicListingEvent(
    [property: Id(0)] string ListingId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BidderNo = null,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Amount = null,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BidPhase? Phase = null,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Deadline = null,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Until = null,
    [property: Id(9), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? StartPrice = null,
    [property: Id(10), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: Id(11), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CloseOutcome? Outcome = null,
    [property: Id(12), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WinnerBidderNo = null,
    [property: Id(13), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Price = null,
    [property: Id(14), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BidChannel? Channel = null,
    [property: Id(15), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Increment = null,
    [property: Id(16), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DealMethod? DealMethod = null,
    [property: Id(17), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BoxHeadHash = null,
    [property: Id(18), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OpenedTenderView>? Tenders = null,
    [property: Id(19), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TenderCount = null,
    [property: Id(20), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SheetsRecorded = null,
    [property: Id(21), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? CommitteeSize = null,
    [property: Id(22), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RankingRow>? Ranking = null,
    [property: Id(23), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CapMode? Mode = null,
    [property: Id(24), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? AreaM2 = null,
    [property: Id(25), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Entrants = null,
    [property: Id(26), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null,
    [property: Id(27), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OpenedQuote>? Quotes = null,
    [property: Id(28), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Average = null,
    [property: Id(29), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LotteryCommitment = null);

/// <summary>A one-time quote (一次报价) as its opening publishes it (B8): the bidder number, the amount, when it was sealed.</summary>
[GenerateSerializer, Immutable, Alias("auction.opened-quote")]
public sealed record OpenedQuote([property: Id(0)] string BidderNo, [property: Id(1)] decimal Amount, [property: Id(2)] DateTimeOffset SubmittedAt);

/// <summary>An accepted bid as the public bid log shows it.</summary>
[GenerateSerializer, Immutable, Alias("auction.public-bid")]
public sealed record PublicBid(
    [property: Id(0)] long Seq,
    [property: Id(1)] string BidderNo,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] DateTimeOffset AcceptedAt,
    [property: Id(4)] BidPhase Phase);

/// <summary>
/// The result notice (成交公示): the winner's name is public once sold; losers stay anonymous. <see cref="AreaM2"/> is the
/// winning build-and-hand-over area after a cap (DOMAIN §7.4, the stage-2 value).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.listing-result")]
public sealed record ListingResult(
    [property: Id(0)] CloseOutcome Outcome,
    [property: Id(1)] FailureReason? Reason,
    [property: Id(2)] string? WinnerBidderNo,
    [property: Id(3)] string? WinnerName,
    [property: Id(4)] decimal? Price,
    [property: Id(5)] DateTimeOffset ClosedAt,
    [property: Id(6)] long Seq,
    [property: Id(7)] DealMethod? DealMethod = null,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? AreaM2 = null);

/// <summary>One journal entry, un-redacted, as the regulator sees it (data is the canonical JSON that was hashed).</summary>
[GenerateSerializer, Immutable, Alias("auction.record-event")]
public sealed record RecordEvent(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Data,
    [property: Id(4)] string Hash,
    [property: Id(5)] string PrevHash);

[GenerateSerializer, Immutable, Alias("auction.bidder-identity")]
public sealed record BidderIdentity(
    [property: Id(0)] string BidderNo,
    [property: Id(1)] string BidderId,
    [property: Id(2)] string BidderName,
    [property: Id(3)] string ApplicationId,
    [property: Id(4)] string DepositAccount,
    [property: Id(5)] decimal DepositPaid,
    [property: Id(6)] DateTimeOffset QualifiedAt);

/// <summary>
/// The complete record for regulators: definition with reserve, every event, identities, floor, outcome, and
/// what an offline verification needs (the latest signed checkpoint, the registration stream, the deposit-account
/// streams of the applications, and the streams of the sealed boxes the sale has opened — <see cref="Boxes"/>, none before an
/// opening). A record whose journal is damaged is still shown, up to <see cref="Break"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.regulator-record")]
public sealed record RegulatorRecord(
    [property: Id(0)] string ListingId,
    [property: Id(1)] ListingDefinition? Definition,
    [property: Id(2)] decimal? ReservePrice,
    [property: Id(3)] IReadOnlyList<RecordEvent> Events,
    [property: Id(4)] IReadOnlyList<BidderIdentity> Bidders,
    [property: Id(5)] FloorComputation? Floor,
    [property: Id(6)] ListingResult? Result,
    [property: Id(7)] ListingStatus? Status,
    [property: Id(8)] Records.SignedCheckpoint? Checkpoint,
    [property: Id(9)] IReadOnlyList<RecordEvent> Registration,
    [property: Id(10)] IReadOnlyList<Records.DepositAccountRecord> DepositAccounts,
    [property: Id(11)] Records.RecordBreak? Break,
    [property: Id(12)] IReadOnlyList<Records.SealedBoxRecord>? Boxes = null);

/// <summary>
/// The result of verifying a stored record (API.md record/verify): the listing chain, its latest signed
/// checkpoint, the listing invariants, the registration and deposit-account streams, and the opened sealed boxes. When invalid,
/// <see cref="Reason"/> is one of <see cref="Records.VerifyReasons"/>, <see cref="Stream"/> names the stream and
/// <see cref="BrokenAtSeq"/> the first untrustworthy seq when there is one.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.chain-verification")]
public sealed record ChainVerification(
    [property: Id(0)] bool Valid,
    [property: Id(1)] long Events,
    [property: Id(2)] string? HeadHash,
    [property: Id(3)] long? BrokenAtSeq,
    [property: Id(4)] long? SignedSeq = null,
    [property: Id(5)] bool? SignatureValid = null,
    [property: Id(6)] string? Reason = null,
    [property: Id(7)] string? Stream = null,
    [property: Id(8)] string? Detail = null);

/// <summary>An entry of the catalog of listings.</summary>
[GenerateSerializer, Immutable, Alias("auction.catalog-entry")]
public sealed record CatalogEntry(
    [property: Id(0)] string ListingId,
    [property: Id(1)] string CentreId,
    [property: Id(2)] LandUse Use,
    [property: Id(3)] ListingStatus Status,
    [property: Id(4)] DateTimeOffset BiddingStartsAt,
    [property: Id(5)] DateTimeOffset? BiddingEndsAt,
    [property: Id(6)] DateTimeOffset UpdatedAt);
