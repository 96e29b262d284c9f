using System.Text.Json.Serialization;

namespace Auction.Contracts.Listings;

/// <summary>How a tender's winner is chosen (R-TEN-06): the highest valid price, or the best comprehensive score.</summary>
public enum TenderEvaluation { HighestPrice, Comprehensive }

/// <summary>One criterion the evaluation committee scores, from 0 to <see cref="MaxScore"/> points (R-TEN-05).</summary>
[GenerateSerializer, Immutable, Alias("auction.tender-criterion")]
public sealed record TenderCriterion(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal MaxScore);

/// <summary>
/// A tender's terms (招标, DOMAIN §4; API.md v2 "Tender"): how the winner is chosen, how many tenders the opening needs
/// (R-TEN-04; every tender counts, valid or not) and, for a comprehensive evaluation only, the committee (odd, ≥ 5,
/// R-TEN-05), the points for price and the scored criteria (<see cref="PriceWeight"/> + Σ max scores = 100).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.tender-terms")]
public sealed record TenderTerms(
    [property: Id(0)] TenderEvaluation Evaluation,
    [property: Id(1)] int MinTenderers,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? CommitteeSize = null,
    [property: Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? PriceWeight = null,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TenderCriterion>? Criteria = null)
{
    /// <summary>R-TEN-04: the national rule is three tenderers.</summary>
    public const int DefaultMinTenderers = 3;

    public static TenderTerms Default { get; } = new(TenderEvaluation.HighestPrice, DefaultMinTenderers);
}
