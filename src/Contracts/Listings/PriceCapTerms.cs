using System.Text.Json.Serialization;

namespace Auction.Contracts.Listings;

/// <summary>
/// What decides the winner once the price cap is reached (DOMAIN §7.3): the largest build-and-hand-over area (竞配建,
/// mode A), a sealed one-time quote closest to the average (一次报价, mode B), or a lottery among the bidders who accept
/// the cap (摇号, mode C).
/// </summary>
public enum CapMode { Lottery, HousingArea, OneTimeQuote }

/// <summary>Mode A (竞配建): the first area bid is at least <see cref="Start"/> m², each later one rises by <see cref="Step"/> m².</summary>
[GenerateSerializer, Immutable, Alias("auction.housing-area-terms")]
public sealed record HousingAreaTerms([property: Id(0)] decimal Start, [property: Id(1)] decimal Step);

/// <summary>Mode B (Suzhou rule, B4): the valid one-time quotes, whole yuan from <see cref="Min"/> to <see cref="Max"/> inclusive.</summary>
[GenerateSerializer, Immutable, Alias("auction.one-time-quote-range")]
public sealed record OneTimeQuoteRange([property: Id(0)] decimal Min, [property: Id(1)] decimal Max);

/// <summary>
/// The price cap (最高限价) of a listing or an auction, published in the announcement (DOMAIN §7.4; API.md v2 "Price
/// caps"). A price bid may not exceed <see cref="Amount"/>; the bid that reaches it (the cap quote) hands the sale to the
/// cap stage of <see cref="Mode"/>. Only the timings and the block of the mode are set once published (the others are
/// null): <see cref="ConfirmSeconds"/> for the lottery and the one-time quote, <see cref="QuoteSeconds"/> and
/// <see cref="OneTimeQuote"/> for the one-time quote, <see cref="CountdownSeconds"/> and <see cref="HousingArea"/> for area
/// bidding. <see cref="LotteryCommitment"/> is the hex SHA-256 of the lottery's secret, fixed at publication.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.price-cap")]
public sealed record PriceCapTerms(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] CapMode Mode,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ConfirmSeconds = null,
    [property: Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? QuoteSeconds = null,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? CountdownSeconds = null,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HousingAreaTerms? HousingArea = null,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OneTimeQuoteRange? OneTimeQuote = null,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LotteryCommitment = null)
{
    /// <summary>DOMAIN B9 (Wuxi defaults): 5 minutes to confirm, 4 minutes to quote; area bidding's countdown is Jiangsu's 4 minutes.</summary>
    public const int DefaultConfirmSeconds = 300, DefaultQuoteSeconds = 240, DefaultCountdownSeconds = 240;
}
