using Auction.Bench.Core;

namespace Auction.Bench.Scenarios;

/// <summary>Every baseline and scenario of BENCHMARKS.md, baselines first.</summary>
public static class Benchmarks
{
    public static IReadOnlyList<IBenchmark> All() =>
    [
        new B1StoreAppend(),
        new B2GrainCall(),
        new B3SignalRFanout(),
        new S1SequentialBids(),
        new S2Burst(),
        new S3ManyListings(),
        new S3ManyListings(overRest: true),
        new S4WatcherLatency(),
        new S4WatcherLatency(messagePack: true),
        new S5Connections(),
        new S6SiloKill(),
        new S7OnlineAuction(),
        new S8TenderOpening(),
        new S9LotteryDraw(),
    ];
}
