namespace Auction.Silo.Compliance;

/// <summary>One bucket of price ÷ floor ratios, [<see cref="From"/>, <see cref="To"/>); the last has no upper end.</summary>
public sealed record PriceBucket(decimal From, decimal? To, int Count);

/// <summary>
/// API.md "Regulator compliance": industrial and warehouse deals as price ÷ floor. <see cref="AtFloor"/> counts deals at
/// exactly the floor, <see cref="Within5Percent"/> ratios ≤ 1.05 (at-floor included).
/// </summary>
public sealed record PriceDistribution(int Count, int AtFloor, int Within5Percent, IReadOnlyList<PriceBucket> Buckets);

/// <summary>
/// Bunching at the floor is what inspectors look for (DOMAIN §8.6): the buckets are 0.05 wide from 1.00 to 2.00, then
/// one from 2.00 up, and, only when some deal was below the floor, one from 0 to 1.00 first. Exact decimal ratios.
/// </summary>
public static class IndustrialPriceDistribution
{
    public const decimal Width = 0.05m;
    private const int Steps = 20; // 1.00 … 2.00

    public static PriceDistribution Of(IEnumerable<decimal> ratios)
    {
        var all = ratios.ToArray();
        var counts = new int[Steps + 1];
        foreach (var ratio in all.Where(r => r >= 1m)) counts[Math.Min(Steps, (int)decimal.Floor((ratio - 1m) / Width))]++;
        var buckets = new List<PriceBucket>(Steps + 2);
        var below = all.Count(r => r < 1m);
        if (below > 0) buckets.Add(new PriceBucket(0m, 1.00m, below));
        for (var i = 0; i < Steps; i++) buckets.Add(new PriceBucket(1.00m + i * Width, 1.00m + (i + 1) * Width, counts[i]));
        buckets.Add(new PriceBucket(2.00m, null, counts[Steps]));
        return new PriceDistribution(all.Length, all.Count(r => r == 1m), all.Count(r => r <= 1.05m), buckets);
    }
}
