using System.Diagnostics;

namespace Auction.Bench.Core;

/// <summary>Options of one harness invocation.</summary>
public sealed record RunOptions(IReadOnlyList<BenchMode> Modes, int Runs, IReadOnlyList<string>? Only, BenchSize Size, string OutputDirectory, string? Readme);

/// <summary>
/// Runs the benchmarks: per mode, a fresh system; per run, every selected baseline and scenario in order, so each
/// scenario is interleaved with its baselines; then medians, ratios, goals and the correctness checks.
/// </summary>
public static class Runner
{
    public const string GeneratorCpus = "0";
    public const string ServerCpus = "1";

    public static async Task<(IReadOnlyList<BenchResult> Results, string Markdown)> Run(IReadOnlyList<IBenchmark> all, RunOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        PinGenerator(log);
        var selected = all.Where(b => options.Only is null || options.Only.Contains(b.Id, StringComparer.OrdinalIgnoreCase)).ToArray();
        // A scenario needs its baselines measured in the same run.
        var needed = selected.SelectMany(b => b.Baselines).Distinct().Where(id => selected.All(b => b.Id != id)).ToArray();
        selected = [.. all.Where(b => needed.Contains(b.Id)), .. selected];

        var results = new List<BenchResult>();
        foreach (var mode in options.Modes)
        {
            var benchmarks = selected.Where(b => b.Supports(mode)).ToArray();
            var measurements = benchmarks.ToDictionary(b => b.Id, _ => new List<Measurement>());
            log.WriteLine($"== {mode}: starting the system (server on CPU {ServerCpus}) ==");
            await using (var system = await SystemUnderTest.Start(mode, ServerCpus))
            {
                var context = new BenchContext(system, options.Size, log);
                for (var run = 1; run <= options.Runs; run++)
                {
                    foreach (var benchmark in benchmarks)
                    {
                        var clock = Stopwatch.StartNew();
                        try
                        {
                            var measurement = await benchmark.RunAsync(context, cancellationToken);
                            measurements[benchmark.Id].Add(measurement);
                            log.WriteLine($"{mode} run {run} {benchmark.Id}: {string.Join(", ", measurement.Metrics.Select(m => $"{m.Key}={m.Value:0.###}"))} ({clock.Elapsed.TotalSeconds:0.0} s)");
                            foreach (var failed in measurement.Checks.Where(c => !c.Passed)) log.WriteLine($"  CHECK FAILED {failed.Name}: {failed.Detail}");
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            log.WriteLine($"{mode} run {run} {benchmark.Id} FAILED: {ex.Message}");
                            measurements[benchmark.Id].Add(new Measurement(new Dictionary<string, double>(), [new Check($"{benchmark.Id} completed", false, ex.ToString())]));
                        }
                    }
                }
            }
            var summarized = new Dictionary<string, BenchResult>();
            foreach (var benchmark in benchmarks)
                summarized[benchmark.Id] = Report.Summarize(benchmark, mode, measurements[benchmark.Id], summarized);
            results.AddRange(summarized.Values);
        }

        var machine = MachineFacts.Read(GeneratorCpus, ServerCpus);
        var markdown = await Report.Write(options.OutputDirectory, results, machine, new { options.Runs, options.Size, Modes = options.Modes.Select(m => m.ToString()) });
        if (options.Readme is not null)
            await Report.UpdateReadme(options.Readme, Report.Compact(results, all, machine, DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        return (results, markdown);
    }

    /// <summary>The generator on core 0, the server on core 1 (BENCHMARKS.md), when the machine has two.</summary>
    private static void PinGenerator(TextWriter log)
    {
        if (Environment.ProcessorCount < 2 || !OperatingSystem.IsLinux()) return;
        try
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }
        catch (Exception ex)
        {
            log.WriteLine($"could not pin the generator: {ex.Message}");
        }
    }
}
