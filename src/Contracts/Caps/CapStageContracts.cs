using System.Text.Json.Serialization;
using Auction.Contracts.Listings;

namespace Auction.Contracts.Caps;

/// <summary>An area bid (竞配建, DOMAIN §7.3 A) once the cap is reached; <see cref="RequestId"/> makes a retry return the first outcome.</summary>
[GenerateSerializer, Immutable, Alias("auction.place-area-bid")]
public sealed record PlaceAreaBid([property: Id(0)] string BidderId, [property: Id(1)] decimal AreaM2, [property: Id(2)] string RequestId);

/// <summary>A bidder joins the cap stage: enters the lottery (摇号) or confirms the one-time quote (一次报价, B3).</summary>
[GenerateSerializer, Immutable, Alias("auction.join-cap-stage")]
public sealed record JoinCapStage([property: Id(0)] string BidderId, [property: Id(1)] string RequestId);

/// <summary>A confirmed bidder's one sealed one-time quote (B5), whole yuan.</summary>
[GenerateSerializer, Immutable, Alias("auction.submit-quote")]
public sealed record SubmitQuote([property: Id(0)] string BidderId, [property: Id(1)] decimal Amount, [property: Id(2)] string RequestId);

/// <summary>The receipt of a durably recorded area bid: <see cref="Seq"/> and <see cref="Hash"/> of its <c>areaBidAccepted</c> entry.</summary>
[GenerateSerializer, Immutable, Alias("auction.area-bid-receipt")]
public sealed record AreaBidReceipt(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Hash,
    [property: Id(2)] string ListingId,
    [property: Id(3)] string BidderNo,
    [property: Id(4)] decimal AreaM2,
    [property: Id(5)] DateTimeOffset AcceptedAt,
    [property: Id(6)] DateTimeOffset Deadline,
    [property: Id(7), JsonIgnore] bool Replayed = false);

/// <summary>
/// The receipt of a lottery entry or a one-time confirmation: <see cref="Seq"/> and <see cref="Hash"/> of its entry,
/// the joining deadline, and for the one-time quote when quoting ends (<see cref="QuoteDeadline"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.stage-entry-receipt")]
public sealed record StageEntryReceipt(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Hash,
    [property: Id(2)] string ListingId,
    [property: Id(3)] string BidderNo,
    [property: Id(4)] DateTimeOffset JoinedAt,
    [property: Id(5)] DateTimeOffset JoinDeadline,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? QuoteDeadline = null,
    [property: Id(7), JsonIgnore] bool Replayed = false);

/// <summary>
/// The receipt of a sealed one-time quote, shown to its bidder only: <see cref="Seq"/> and <see cref="Hash"/> are those of
/// its entry in the sealed box's own stream (<see cref="Stream"/>), not a listing <c>seq</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.quote-receipt")]
public sealed record QuoteReceipt(
    [property: Id(0)] string ListingId,
    [property: Id(1)] string BidderNo,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] DateTimeOffset SubmittedAt,
    [property: Id(4)] long Seq,
    [property: Id(5)] string Hash,
    [property: Id(6)] string Stream,
    [property: Id(7), JsonIgnore] bool Replayed = false);

/// <summary>
/// API.md v2 <c>GET …/lottery</c>: the commitment published with the listing and, once drawn, everything needed to
/// recompute the draw (<see cref="Message"/> is the exact HMAC message, <see cref="WinnerIndex"/> the position of the
/// winner among the sorted entrants).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.lottery-view")]
public sealed record LotteryView(
    [property: Id(0)] string ListingId,
    [property: Id(1)] string Commitment,
    [property: Id(2)] string Algorithm,
    [property: Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Entrants = null,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? WinnerIndex = null,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WinnerBidderNo = null,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? DrawnAt = null);

/// <summary>
/// The cap stage as the public view shows it once the cap is reached: who made the cap quote and when, the leading area
/// bid (mode A), the joining deadline (lottery, one-time quote) and the end of quoting (one-time quote). No count of
/// entrants or confirmations: bidder counts stay hidden until the close.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.cap-stage-view")]
public sealed record CapStageView(
    [property: Id(0)] CapMode Mode,
    [property: Id(1)] DateTimeOffset ReachedAt,
    [property: Id(2)] string CapQuoteBidderNo,
    [property: Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? AreaM2 = null,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AreaBidderNo = null,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? JoinDeadline = null,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? QuoteDeadline = null);

/// <summary>
/// The cap stage of a listing's grain (the same activation as <see cref="IListingGrain"/>): the commands and reads of the
/// three cap modes. Each answers a clear refusal when the sale has no such mode (<c>WRONG_CAP_MODE</c>) or the cap has
/// not been reached (<c>CAP_NOT_REACHED</c>).
/// </summary>
[Alias("auction.price-cap-stage")]
public interface IPriceCapGrain : IGrainWithStringKey
{
    [Alias("area-bid")] Task<Outcome<AreaBidReceipt>> PlaceAreaBid(PlaceAreaBid command);
    [Alias("join-lottery")] Task<Outcome<StageEntryReceipt>> JoinLottery(JoinCapStage command);
    [Alias("confirm-one-time")] Task<Outcome<StageEntryReceipt>> ConfirmOneTimeQuote(JoinCapStage command);
    [Alias("submit-quote")] Task<Outcome<QuoteReceipt>> SubmitQuote(SubmitQuote command);

    /// <summary>The caller's own sealed quote (the only read of a quote before the opening).</summary>
    [Alias("my-quote")] Task<Outcome<QuoteReceipt>> GetMyQuote(string bidderId);

    [Alias("lottery")] Task<Outcome<LotteryView>> GetLottery();
}
