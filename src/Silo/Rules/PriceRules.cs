using Auction.Contracts.Common;
using Auction.Contracts.Listings;

namespace Auction.Silo.Rules;

/// <summary>
/// The price a bid must reach (R-BID-02/03/04) and, when the sale has a price cap, may not pass (CAP-G4). <c>decimal</c>
/// arithmetic keeps every step exact: 1000.1 + 0.2 is 1000.3, with no epsilon.
/// </summary>
public static class PriceRules
{
    /// <param name="current">The highest accepted bid, or null before the first one.</param>
    /// <param name="startingPrice">The listing's starting price (first bid floor, R-BID-02).</param>
    /// <param name="increment">The increment of the current stage (R-BID-04).</param>
    /// <param name="cap">The price cap, if any: when the next step would pass it, the cap itself is the last bid left (CAP-G4).</param>
    public static decimal MinNextBid(decimal? current, decimal startingPrice, decimal increment, decimal? cap = null)
    {
        var min = current is { } highest ? highest + increment : startingPrice;
        return cap is { } c && min > c ? c : min;
    }

    /// <summary>Null when <paramref name="amount"/> is a valid next bid; else the rejection with the minimum next bid.</summary>
    public static Rejection? Check(decimal amount, decimal? current, decimal startingPrice, decimal increment, IncrementRule rule, decimal? cap = null)
    {
        var min = MinNextBid(current, startingPrice, increment, cap);
        if (cap is { } c)
        {
            if (amount > c)
                return new Rejection(RejectionCodes.AboveCap, $"A bid may not exceed the price cap {c} (CAP-G4, 最高限价).", MinNextBid: min, Cap: c);
            // CAP-G4: with less than one increment left below the cap, a bid of exactly the cap is the last step there is.
            if (amount == c && current is { } highest && highest < c && c - highest < increment) return null;
        }
        if (amount < min)
        {
            var message = current is null
                ? $"The first bid must be at least the starting price {startingPrice} (R-BID-02)."
                : cap is { } last && min == last && current + increment > last
                    ? $"Less than one increment {increment} is left below the price cap {last}: the only bid left is the cap itself (CAP-G4)."
                    : $"A bid must be at least the current price {current} plus one increment {increment} (R-BID-03).";
            return new Rejection(RejectionCodes.BidTooLow, message, MinNextBid: min);
        }

        if (rule == IncrementRule.IntegerMultiple)
        {
            // Jiangsu: first = start + k·inc (k ≥ 0); later = current + k·inc (k ≥ 1). amount ≥ min makes k ≥ its floor.
            var basis = current ?? startingPrice;
            if ((amount - basis) % increment != 0)
            {
                var next = basis + decimal.Ceiling((amount - basis) / increment) * increment;
                return new Rejection(
                    RejectionCodes.BidNotStepMultiple,
                    $"A bid must be {basis} plus a whole number of increments of {increment} (R-BID-03); the nearest valid bid above is {next}.",
                    MinNextBid: min);
            }
        }

        return null;
    }
}
