using Auction.Contracts.Listings;

namespace Auction.Silo.Methods.Caps.OneTimeQuote;

/// <summary>
/// The Suzhou rule (DOMAIN §7.3 B6): the average of the quotes to the fen, rounded half-up; the quote closest to it wins
/// at its own amount; of two equally close quotes (one above, one below: quotes are unique, B5) the one below wins.
/// </summary>
public static class ClosestToAverage
{
    /// <summary>Mean of <paramref name="amounts"/> rounded half-up to the fen (amounts are positive, so away from zero is up).</summary>
    public static decimal Average(IReadOnlyCollection<decimal> amounts) =>
        decimal.Round(amounts.Sum() / amounts.Count, 2, MidpointRounding.AwayFromZero);

    /// <summary>The average and the winning quote; both null when nobody quoted (B7: then the cap quote's bidder wins at the cap).</summary>
    public static (decimal? Average, OpenedQuote? Winner) Decide(IReadOnlyList<OpenedQuote> quotes)
    {
        if (quotes.Count == 0) return (null, null);
        var average = Average(quotes.Select(q => q.Amount).ToArray());
        var winner = quotes.MinBy(q => (Math.Abs(q.Amount - average), q.Amount > average ? 1 : 0))!;
        return (average, winner);
    }
}
