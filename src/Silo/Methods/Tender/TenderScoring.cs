using Auction.Contracts.Listings;

namespace Auction.Silo.Methods.Tender;

/// <summary>A valid tender as the scoring sees it: whose, how much, when (the tie-breaks).</summary>
public sealed record ScoredTender(string BidderNo, decimal Amount, DateTimeOffset SubmittedAt);

/// <summary>
/// The comprehensive evaluation's arithmetic (R-TEN-05/06, API.md v2 pinned), in <c>decimal</c> and rounded half-up to
/// 2 places: price points = priceWeight × amount / highest valid amount; per criterion, the mean of the committee's
/// scores; criteria points = the sum of those means; total = price points + criteria points. The highest total ranks
/// first; equal totals → the higher amount, then the earlier submission.
/// </summary>
public static class TenderScoring
{
    /// <summary>Half-up to the hundredth (scores and points are never negative, so away from zero is up).</summary>
    public static decimal HalfUp(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    public static decimal PricePoints(decimal priceWeight, decimal amount, decimal highestValid) => HalfUp(priceWeight * amount / highestValid);

    public static decimal Mean(IReadOnlyCollection<decimal> scores) => HalfUp(scores.Sum() / scores.Count);

    /// <summary>The ranking of <paramref name="tenders"/> (the valid ones) by the complete <paramref name="sheets"/>, best first.</summary>
    public static IReadOnlyList<RankingRow> Rank(TenderTerms terms, IReadOnlyList<ScoredTender> tenders, IReadOnlyList<IReadOnlyList<SheetScore>> sheets)
    {
        var highest = tenders.Max(t => t.Amount);
        var scores = sheets.SelectMany(sheet => sheet).ToLookup(x => (x.BidderNo, x.Criterion));
        return tenders
            .Select(t =>
            {
                // The default comparer (ordinal for strings): the row crosses Orleans to the live path as it is.
                var criteria = terms.Criteria!.ToDictionary(c => c.Id, c => Mean(scores[(t.BidderNo, c.Id)].Select(x => x.Score).ToArray()));
                var price = PricePoints(terms.PriceWeight!.Value, t.Amount, highest);
                var criteriaPoints = criteria.Values.Sum();
                return (Tender: t, Row: new RankingRow(t.BidderNo, price, criteriaPoints, price + criteriaPoints, criteria));
            })
            .OrderByDescending(r => r.Row.Total)
            .ThenByDescending(r => r.Tender.Amount)
            .ThenBy(r => r.Tender.SubmittedAt)
            .ThenBy(r => r.Tender.BidderNo, StringComparer.Ordinal)
            .Select(r => r.Row)
            .ToArray();
    }
}
