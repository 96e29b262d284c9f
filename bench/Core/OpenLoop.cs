using System.Diagnostics;
using HdrHistogram;

namespace Auction.Bench.Core;

/// <summary>Latencies in microseconds, recorded in an HdrHistogram (1 µs … 1 h, 3 significant digits).</summary>
public sealed class Latencies
{
    private readonly LongHistogram _histogram = new(1, TimeStamp.Hours(1), 3);
    private readonly object _gate = new();

    public void Record(TimeSpan latency)
    {
        var micros = Math.Clamp((long)latency.TotalMicroseconds, 1, _histogram.HighestTrackableValue);
        lock (_gate) _histogram.RecordValue(micros);
    }

    public long Count
    {
        get
        {
            lock (_gate) return _histogram.TotalCount;
        }
    }

    /// <summary>The percentile in milliseconds.</summary>
    public double Ms(double percentile)
    {
        lock (_gate) return _histogram.TotalCount == 0 ? double.NaN : _histogram.GetValueAtPercentile(percentile) / 1000.0;
    }

    public double MaxMs
    {
        get
        {
            lock (_gate) return _histogram.TotalCount == 0 ? double.NaN : _histogram.GetMaxValue() / 1000.0;
        }
    }
}

/// <summary>
/// An open-loop load generator: operation <c>i</c> is due at <c>start + i / rate</c> whether or not earlier ones
/// have finished, and its latency is measured from that planned time, so queueing shows in the figures instead
/// of slowing the generator down (BENCHMARKS.md, coordinated omission).
/// </summary>
public static class OpenLoop
{
    public sealed record Result(Latencies Latencies, int Completed, int Failed, TimeSpan Elapsed)
    {
        public double PerSecond => Completed / Elapsed.TotalSeconds;
    }

    /// <param name="operation">Runs operation <c>i</c>; returns false for a failed operation.</param>
    /// <param name="recorded">Called with <c>i</c> and its latency from the planned time (e.g. per-listing histograms).</param>
    /// <param name="clock">The schedule's clock (operation i is due at i / rate on it), when the caller needs the
    /// same time base, e.g. to relate answers to a fault it injects; a fresh one by default.</param>
    public static async Task<Result> Run(double ratePerSecond, int count, Func<int, Task<bool>> operation, CancellationToken cancellationToken,
        Action<int, TimeSpan>? recorded = null, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var tally = new Tally(clock, operation, recorded, cancellationToken);
        var startedAt = clock.Elapsed;
        var inFlight = new List<Task>(count);
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            var planned = TimeSpan.FromSeconds(i / ratePerSecond);
            var wait = planned - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, cancellationToken);
            var index = i;
            inFlight.Add(Task.Run(() => tally.Measure(index, planned), CancellationToken.None));
        }
        await Task.WhenAll(inFlight);
        return tally.Result(clock.Elapsed - startedAt);
    }

    /// <summary>Closed loop with <paramref name="concurrency"/> workers, each awaiting its own previous operation.</summary>
    public static async Task<Result> Closed(int concurrency, int count, Func<int, Task<bool>> operation, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var tally = new Tally(clock, operation, null, cancellationToken);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count && !cancellationToken.IsCancellationRequested; i = Interlocked.Increment(ref next))
                await tally.Measure(i, clock.Elapsed);
        }, CancellationToken.None)));
        return tally.Result(clock.Elapsed);
    }

    /// <summary>Runs one operation and records its latency from <c>since</c> (the planned or the actual start).</summary>
    private sealed class Tally(Stopwatch clock, Func<int, Task<bool>> operation, Action<int, TimeSpan>? recorded, CancellationToken cancellationToken)
    {
        private readonly Latencies _latencies = new();
        private int _completed;
        private int _failed;

        public async Task Measure(int index, TimeSpan since)
        {
            var ok = false;
            try
            {
                ok = await operation(index);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
            }
            var latency = clock.Elapsed - since;
            _latencies.Record(latency);
            recorded?.Invoke(index, latency);
            if (ok) Interlocked.Increment(ref _completed);
            else Interlocked.Increment(ref _failed);
        }

        public Result Result(TimeSpan elapsed) => new(_latencies, _completed, _failed, elapsed);
    }
}
