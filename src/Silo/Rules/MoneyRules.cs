namespace Auction.Silo.Rules;

/// <summary>
/// Amounts are yuan as <c>decimal</c> with at most two decimals (API.md conventions; R-CONV-4).
/// </summary>
public static class MoneyRules
{
    /// <summary>No land deal comes near 1 trillion yuan; anything above is a typo or an attack.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>Null when <paramref name="amount"/> is a usable positive money amount, else the reason.</summary>
    public static string? Problem(decimal amount)
    {
        if (amount <= 0) return "must be greater than zero";
        if (amount > MaxAmount) return $"must not exceed {MaxAmount:0} yuan";
        if (decimal.Round(amount, 2) != amount) return "must have at most 2 decimal places (fen)";
        return null;
    }

    /// <summary>Rounds up to the fen: floors are never rounded in the bidder's favour.</summary>
    public static decimal CeilingToFen(decimal amount) => decimal.Ceiling(amount * 100m) / 100m;
}
