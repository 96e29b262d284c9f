using Auction.Bench.Core;

namespace Auction.Bench.Scenarios;

/// <summary>Every baseline and scenario of BENCHMARKS.md, baselines first.</summary>
public static class Benchmarks
{
    public static IReadOnlyList<IBenchmark> All() => [];
}
