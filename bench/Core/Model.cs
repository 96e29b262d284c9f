namespace Auction.Bench.Core;

/// <summary>Where the system runs: one embedded process on SQLite, or a Redis-backed cluster of processes.</summary>
public enum BenchMode { Embedded, Cluster }

/// <summary>How big a run is: <c>Full</c> for the published numbers, <c>Smoke</c> for CI (seconds).</summary>
public enum BenchSize { Smoke, Full }

/// <summary>One measurement of one scenario in one run: named metrics and the correctness checks it made.</summary>
public sealed record Measurement(IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<Check> Checks, string? Note = null)
{
    public static Measurement Of(params (string Name, double Value)[] metrics) =>
        new(metrics.ToDictionary(m => m.Name, m => m.Value), []);

    public Measurement With(params Check[] checks) => this with { Checks = [.. Checks, .. checks] };
}

/// <summary>A correctness check, e.g. "every acknowledged bid is in the stored log exactly once".</summary>
public sealed record Check(string Name, bool Passed, string Detail);

/// <summary>
/// A goal of BENCHMARKS.md: the scenario metric compared with a baseline metric times a factor (ratio goals)
/// or with an absolute bound. <see cref="HigherIsBetter"/> says which side passes.
/// </summary>
public sealed record Goal(string Description, string Metric, string? BaselineId, string? BaselineMetric, double Factor, double? Absolute, bool HigherIsBetter)
{
    public static Goal AtLeastTimes(string metric, string baselineId, string baselineMetric, double factor) =>
        new($"{metric} ≥ {factor} × {baselineId} {baselineMetric}", metric, baselineId, baselineMetric, factor, null, true);

    public static Goal AtMostTimes(string metric, string baselineId, string baselineMetric, double factor) =>
        new($"{metric} ≤ {factor} × {baselineId} {baselineMetric}", metric, baselineId, baselineMetric, factor, null, false);

    public static Goal AtMost(string metric, double bound, string unit) => new($"{metric} ≤ {bound} {unit}", metric, null, null, 1, bound, false);

    public static Goal AtLeast(string metric, double bound, string unit) => new($"{metric} ≥ {bound} {unit}", metric, null, null, 1, bound, true);
}

/// <summary>
/// A baseline or scenario of BENCHMARKS.md. Scenarios name the baseline they are compared with; the runner
/// measures each scenario interleaved with its baseline, at least three times, and reports medians.
/// </summary>
public interface IBenchmark
{
    /// <summary>B1…B3, S1…S9 (S4M: S4 over MessagePack).</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>The baselines whose medians the goals refer to (empty for baselines).</summary>
    IReadOnlyList<string> Baselines { get; }

    IReadOnlyList<Goal> Goals { get; }

    /// <summary>Metrics the README table shows besides those its goals name (a scenario without goals of its own, S3R).</summary>
    IReadOnlyList<string> Reported => [];

    /// <summary>Whether the benchmark applies in <paramref name="mode"/> (S6 needs a cluster).</summary>
    bool Supports(BenchMode mode) => true;

    Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken);
}
