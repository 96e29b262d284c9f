using System.Diagnostics;
using Auction.Bench.Core;
using Auction.Contracts.Diagnostics;

namespace Auction.Bench.Scenarios;

/// <summary>
/// B2: the cost of Orleans itself, an empty grain call from the harness (an Orleans client) into the system as it
/// is hosted: sequential calls to one grain (latency), then 100 grains × 100 concurrent calls (throughput).
/// </summary>
public sealed class B2GrainCall : IBenchmark
{
    public const int Grains = 100, CallsPerGrain = 100;

    public string Id => "B2";
    public string Title => "Orleans empty call (sequential, 100×100 concurrent)";
    public IReadOnlyList<string> Baselines => [];
    public IReadOnlyList<Goal> Goals => [];

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var single = context.Grains.GetGrain<IPingGrain>(0);
        for (var i = 0; i < 200; i++) await single.Ping(i);
        await Burst(context, cancellationToken); // activates the 100 grains

        var latencies = new Latencies();
        var count = context.Scale(5000, 200);
        var cap = TimeSpan.FromSeconds(context.Scale(10, 2));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && clock.Elapsed < cap; i++)
        {
            var started = clock.Elapsed;
            await single.Ping(i);
            latencies.Record(clock.Elapsed - started);
        }
        var sequentialPerSecond = latencies.Count / clock.Elapsed.TotalSeconds;

        var rounds = context.Scale(5, 1);
        var elapsed = TimeSpan.Zero;
        for (var r = 0; r < rounds; r++) elapsed += await Burst(context, cancellationToken);

        return Measurement.Of(
            ("p50_ms", latencies.Ms(50)), ("p99_ms", latencies.Ms(99)), ("sequential_calls_per_s", sequentialPerSecond),
            ("calls_per_s", rounds * Grains * CallsPerGrain / elapsed.TotalSeconds));
    }

    /// <summary>100 grains × 100 calls, all sent at once; the time until every answer arrived.</summary>
    private static async Task<TimeSpan> Burst(BenchContext context, CancellationToken cancellationToken)
    {
        var calls = new Task[Grains * CallsPerGrain];
        var clock = Stopwatch.StartNew();
        for (var g = 0; g < Grains; g++)
        {
            var grain = context.Grains.GetGrain<IPingGrain>(1000 + g);
            for (var c = 0; c < CallsPerGrain; c++) calls[g * CallsPerGrain + c] = grain.Ping(c);
        }
        await Task.WhenAll(calls).WaitAsync(cancellationToken);
        return clock.Elapsed;
    }
}
