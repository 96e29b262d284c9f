using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Auction.Bench.Profiling;

/// <summary>
/// <c>cpu-report DIR OUT [S3|S3R]</c>: the breakdown of S3's (or S3R's, its bids over REST) server CPU per accepted bid
/// from what bench/profile-s3.sh left in DIR (per mode: <c>plain/</c>, a result with <c>server_cpu_ms_per_bid</c>, and
/// <c>traced/</c>, a dotnet-trace thread-time trace per server process over the capacity phase of a second run).
/// Each trace is read by <see cref="TraceSamples"/> under its per-bid components (<see cref="TraceSamples.BidPath"/>).
/// </summary>
public static class CpuReport
{
    public static async Task<int> Write(string folder, string output, string scenario = "S3")
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# {scenario}: server CPU per accepted bid, by component").AppendLine();
        report.AppendLine("Made by `bash bench/profile-s3.sh` (see the README's benchmark section). CPU per bid = the server processes'");
        report.AppendLine(CultureInfo.InvariantCulture, $"CPU time (user + system, `/proc`) in {scenario}'s capacity phase ÷ its accepted bids, from a run without tracing.");
        report.AppendLine("Components divide that time by a `dotnet-trace` thread-time sample of the same phase of a second run: each");
        report.AppendLine("sample taken while managed code ran goes to the component of the frame nearest its leaf that a rule names");
        report.AppendLine("(`TraceSamples.BidPath`). Native code and kernel time cannot be told from waits in such a trace; the");
        report.AppendLine("coverage line says how much of the measured CPU the counted samples are. Figures from a shared or busy");
        report.AppendLine("machine are not measurements (BENCHMARKS.md).").AppendLine();
        foreach (var mode in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            // The plain run's figure (tracing slows the server); the traced run's when there is no plain one.
            var result = new[] { "plain", "traced" }.Select(run => Path.Combine(mode, run)).Where(Directory.Exists)
                .SelectMany(run => Directory.GetFiles(run, $"*-{scenario}.json").Order(StringComparer.Ordinal)).FirstOrDefault();
            if (result is null) continue;
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(result));
            var median = json.RootElement.GetProperty("results").EnumerateArray().First().GetProperty("median");
            var perBid = median.GetProperty("server_cpu_ms_per_bid").GetDouble();
            var traces = Directory.GetFiles(mode, $"{scenario}-*.nettrace", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            var tracedResult = traces.Length == 0 ? null : Directory.GetFiles(Path.GetDirectoryName(traces[0])!, $"*-{scenario}.json").FirstOrDefault();
            report.AppendLine($"## {Path.GetFileName(mode)}").AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"{median.GetProperty("bids_per_s").GetDouble():0} accepted bids/s, **{perBid:0.000} ms server CPU per bid** (all server processes).").AppendLine();

            var profiles = new List<(string Process, TraceSamples Samples)>();
            foreach (var trace in traces) profiles.Add((Path.GetFileNameWithoutExtension(trace), await TraceSamples.Read(trace, TraceSamples.BidPath)));
            if (profiles.Count == 0) continue;
            var tracedCpuMs = tracedResult is null ? double.NaN : TracedCpuMs(tracedResult);
            var counted = profiles.Sum(p => p.Samples.CountedMs);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"Coverage: the counted samples are {counted / 1000:0.0} s of managed CPU; the traced run's server processes used {tracedCpuMs / 1000:0.0} s of CPU in the phase.").AppendLine();
            report.AppendLine("| component | share of counted samples | ≈ ms CPU per bid | per process |").AppendLine("|---|---:|---:|---|");
            foreach (var component in TraceSamples.Names(TraceSamples.BidPath)
                         .Select(c => (Name: c, Ms: profiles.Sum(p => p.Samples.Component(c))))
                         .Where(c => c.Ms > 0).OrderByDescending(c => c.Ms))
            {
                var share = component.Ms / Math.Max(1, counted);
                var perProcess = string.Join(", ", profiles.Select(p => $"{p.Process.Split('-').Last()} {p.Samples.Component(component.Name) / Math.Max(1, counted):P0}"));
                report.AppendLine(CultureInfo.InvariantCulture, $"| {component.Name} | {share:P0} | {share * perBid:0.000} | {perProcess} |");
            }
            report.AppendLine();
            foreach (var (process, samples) in profiles) samples.AppendTopStacks(report, process, 12);
        }
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>The traced run's server CPU in the phase: its CPU per bid × accepted bids/s × the phase's length.</summary>
    private static double TracedCpuMs(string result)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(result));
        var run = json.RootElement.GetProperty("results").EnumerateArray().First().GetProperty("median");
        return run.GetProperty("server_cpu_ms_per_bid").GetDouble() * run.GetProperty("bids_per_s").GetDouble() * S3CapacitySeconds(json.RootElement);
    }

    private static double S3CapacitySeconds(JsonElement result) =>
        result.GetProperty("configuration").GetProperty("size").GetDouble() >= 1
            ? Scenarios.S3ManyListings.CapacitySecondsFull
            : Scenarios.S3ManyListings.CapacitySecondsSmoke;
}
