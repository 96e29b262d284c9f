using System.Text.Json.Serialization;
using Auction.Contracts.Listings;

namespace Auction.Contracts.AfterSale;

/// <summary>A result notice is drafted at the close and published once by the owning centre (R-COM-14).</summary>
public enum NoticeStatus { Draft, Published }

/// <summary>Where the deal was struck (R-COM-12): on the online trading system, or in the hall of an on-site auction.</summary>
public enum DealVenue { Online, OnSite }

/// <summary>
/// The result notice (成交公示, or 流拍 notice when the sale failed; DOMAIN §9.1, R-COM-14), drafted from the close:
/// what API.md's notices list shows (<c>listingId, parcel, method, dealMethod, outcome, winnerName?, price?, closedAt,
/// publishedAt</c>), plus the centre, a failure's <see cref="Reason"/>, the winner's bidder number, the notice's status
/// and when it is due (<see cref="DueBy"/>: close + 10 working days, or <see cref="DueByProblem"/> when the holiday
/// calendar cannot say).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.result-notice")]
public sealed record ResultNotice(
    [property: Id(0)] string ListingId,
    [property: Id(1)] string Centre,
    [property: Id(2)] Parcel Parcel,
    [property: Id(3)] GrantMethod Method,
    [property: Id(4)] DealMethod? DealMethod,
    [property: Id(5)] CloseOutcome Outcome,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FailureReason? Reason,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WinnerName,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WinnerBidderNo,
    [property: Id(9), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Price,
    [property: Id(10)] DateTimeOffset ClosedAt,
    [property: Id(11)] NoticeStatus Status,
    [property: Id(12)] DateTimeOffset? DueBy,
    [property: Id(13), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DueByProblem,
    [property: Id(14)] DateTimeOffset? PublishedAt);

/// <summary>
/// The confirmation (成交确认书, R-COM-12): the grantor and the winner, the parcel, the time, venue and price of the deal,
/// and when the grant contract must be signed (<see cref="ContractDueBy"/>: close + 10 working days, R-COM-13; or
/// <see cref="ContractDueByProblem"/> when the holiday calendar cannot say). The winner's deposit becomes earnest money
/// credited against the price (<see cref="EarnestMoney"/>, R-COM-10).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.sale-confirmation")]
public sealed record SaleConfirmation(
    [property: Id(0)] string ListingId,
    [property: Id(1)] string Grantor,
    [property: Id(2)] string WinnerName,
    [property: Id(3)] string WinnerBidderNo,
    [property: Id(4)] Parcel Parcel,
    [property: Id(5)] decimal Price,
    [property: Id(6)] DealMethod? DealMethod,
    [property: Id(7)] DateTimeOffset ClosedAt,
    [property: Id(8)] DateTimeOffset? ContractDueBy,
    [property: Id(9), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContractDueByProblem,
    [property: Id(10)] GrantMethod Method,
    [property: Id(11)] DealVenue DealVenue,
    [property: Id(12)] decimal EarnestMoney);

/// <summary>Who asks for a confirmation: a centre officer (by centre) or a bidder (by id); the listing decides.</summary>
[GenerateSerializer, Immutable, Alias("auction.confirmation-reader")]
public sealed record ConfirmationReader([property: Id(0)] string? CentreId, [property: Id(1)] string? BidderId);

/// <summary>
/// The public board of published result notices, fed by the listings when their centre publishes (listing → board only:
/// the board never calls a listing, so there is no call cycle).
/// </summary>
[Alias("auction.notice-board")]
public interface INoticeBoardGrain : IGrainWithStringKey
{
    [Alias("post")] Task Post(ResultNotice notice);

    /// <summary>Published notices of <paramref name="centre"/> (any when null) published within [from, to], newest first, at most <paramref name="limit"/>.</summary>
    [Alias("find")] Task<IReadOnlyList<ResultNotice>> Find(string? centre, DateTimeOffset? from, DateTimeOffset? to, int limit);
}
