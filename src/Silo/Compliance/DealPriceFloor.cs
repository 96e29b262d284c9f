using Auction.Contracts.Common;

namespace Auction.Silo.Compliance;

/// <summary>The deal price against the industrial floor: <see cref="Ratio"/> is price ÷ floor, exact; null without a deal.</summary>
public sealed record FloorVerdict(decimal Floor, decimal? Price, decimal? Ratio, CheckStatus Status);

/// <summary>
/// R-IND-03 (R-REG-02): the one place that judges a deal price against the industrial floor, for the awards' floor check,
/// the compliance check and the price distribution. A sale without a deal (failed, terminated) is not applicable, never
/// a pass; land without a floor has no verdict.
/// </summary>
public static class DealPriceFloor
{
    public static FloorVerdict? Check(FloorComputation? floor, decimal? price) => (floor, price) switch
    {
        (null, _) => null,
        (_, null) => new FloorVerdict(floor.Total, null, null, CheckStatus.NotApplicable),
        (_, { } p) => new FloorVerdict(floor.Total, p, p / floor.Total, p >= floor.Total ? CheckStatus.Pass : CheckStatus.Fail),
    };
}
