using System.Globalization;
using System.Text;
using System.Text.Json;
using Auction.Bench.Core;
using Auction.Bench.Live;

namespace Auction.Bench.Profiling;

/// <summary>
/// <c>live-report DIR OUT</c>: the anatomy of the live path's latency (B3, S4, S4M) from what bench/profile-s3.sh (live) left
/// in DIR (per mode: <c>plain/</c>, the results of a run without tracing, and <c>traced/</c>, a dotnet-trace
/// thread-time trace of each step's sends and receipts in the server processes and the generator).
/// <para>
/// Per scenario and N, from the plain run: where a delivery's latency goes (the send's own time; the wait for the first
/// watcher; the spread from the first watcher to the last) and how busy each side's core was. Per step, from the traces:
/// each process's managed CPU by component (<see cref="TraceSamples.LivePath"/>) and per delivery, and its heaviest stacks.
/// </para>
/// </summary>
public static class LiveReport
{
    private static readonly string[] Scenarios = ["B3", "S4", "S4M"];

    private static readonly (string Metric, string Header)[] Anatomy =
    [
        ("p50_ms", "p50"), ("p99_ms", "p99"), ("sent_p50_ms", "sent p50"), ("sent_max_ms", "sent max (#)"),
        ("first_p50_ms", "first p50"), ("first_max_ms", "first max (#)"), ("spread_p50_ms", "spread p50"), ("spread_max_ms", "spread max (#)"),
        ("gen_cpu_pct", "generator CPU %"), ("server_cpu_pct", "server CPU %"),
        ("gen_cpu_us_per_delivery", "generator µs / delivery"), ("server_cpu_us_per_delivery", "server µs / delivery"),
    ];

    public static async Task<int> Write(string folder, string output)
    {
        var report = new StringBuilder();
        report.AppendLine("# The live path: where a delivery's latency and CPU go (B3, S4, S4M)").AppendLine();
        report.AppendLine("Made by `bash bench/profile-s3.sh MODES full live` (see the README's benchmark section). Latency of one");
        report.AppendLine("delivery = the watcher's receipt − the message's planned send time, split per message into: **sent** (planned");
        report.AppendLine("→ the send answered: the bid acknowledged in S4, the broadcast call returned in B3), **first** (planned → the");
        report.AppendLine("first watcher's receipt) and **spread** (first → last watcher's receipt of the same message); median and worst");
        report.AppendLine(CultureInfo.InvariantCulture, $"over the step's {LiveSizes.MessagesPerStep(BenchSize.Full)} messages in ms, the worst one's place in the step after it (#0 = the step's first message),");
        report.AppendLine("from a run without tracing. The generator (which holds every watcher) runs on one core, the server processes");
        report.AppendLine("on the other; CPU % is of one core, and µs / delivery is each process's CPU time (`/proc`) over the step ÷ its");
        report.AppendLine("deliveries (server = the gateway, or B3's hub). CPU by component: a `dotnet-trace` thread-time sample of the");
        report.AppendLine("same steps in a second run, each on-CPU managed sample given to the frame nearest its leaf that a rule of");
        report.AppendLine("`TraceSamples.LivePath` names, as shares of the process's work: idle workers and the profiling tools' own");
        report.AppendLine("samples are left out (the sampler counts some blocked waits as running), and native code and kernel time");
        report.AppendLine("are not in it.").AppendLine();
        foreach (var mode in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"## {Path.GetFileName(mode)}").AppendLine();
            var plain = Path.Combine(mode, "plain");
            var perStep = 0;
            if (Directory.Exists(plain))
            {
                report.AppendLine($"| scenario | N | {string.Join(" | ", Anatomy.Select(a => a.Header))} |");
                report.AppendLine($"|---|---:|{string.Concat(Anatomy.Select(_ => "---:|"))}");
                foreach (var scenario in Scenarios)
                {
                    var file = Directory.GetFiles(plain, $"*-{scenario}.json").Order(StringComparer.Ordinal).FirstOrDefault();
                    if (file is null) continue;
                    using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
                    var median = json.RootElement.GetProperty("results").EnumerateArray().First().GetProperty("median");
                    foreach (var n in Watchers(median))
                    {
                        var cells = Anatomy.Select(a => Cell(median, a.Metric, n));
                        report.AppendLine(CultureInfo.InvariantCulture, $"| {scenario} | {n:N0} | {string.Join(" | ", cells)} |");
                    }
                    perStep = PerStep(json.RootElement);
                }
                report.AppendLine();
            }

            var traces = Directory.GetFiles(mode, "*.nettrace", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            foreach (var phase in traces.GroupBy(t => PhaseOf(t)).OrderBy(g => PhaseOrder(g.Key)))
            {
                var watchers = int.Parse(phase.Key.Split('-')[1], CultureInfo.InvariantCulture);
                var deliveries = (double)watchers * Math.Max(1, perStep);
                var profiles = new List<(string Process, TraceSamples Samples)>();
                foreach (var trace in phase) profiles.Add((ProcessOf(trace), await TraceSamples.Read(trace, TraceSamples.LivePath)));
                report.AppendLine(CultureInfo.InvariantCulture, $"### {phase.Key}: managed CPU by component ({deliveries:N0} deliveries)").AppendLine();
                report.AppendLine($"| component (share of the process's work) | {string.Join(" | ", profiles.Select(p => p.Process))} |");
                report.AppendLine($"|---|{string.Concat(profiles.Select(_ => "---:|"))}");
                report.AppendLine($"| **work samples, s** | {string.Join(" | ", profiles.Select(p => $"**{p.Samples.WorkMs / 1000:0.0}**"))} |");
                foreach (var component in TraceSamples.Names(TraceSamples.LivePath).Except(TraceSamples.NotWork).Where(c => profiles.Any(p => p.Samples.Component(c) >= 0.005 * p.Samples.WorkMs))
                             .OrderByDescending(c => profiles.Sum(p => p.Samples.Component(c) / Math.Max(1, p.Samples.WorkMs))))
                    report.AppendLine(CultureInfo.InvariantCulture, $"| {component} | {string.Join(" | ", profiles.Select(p => $"{p.Samples.Component(component) / Math.Max(1, p.Samples.WorkMs):P0}"))} |");
                foreach (var left in TraceSamples.NotWork)
                    report.AppendLine(CultureInfo.InvariantCulture, $"| *left out: {left}, s* | {string.Join(" | ", profiles.Select(p => $"*{p.Samples.Component(left) / 1000:0.0}*"))} |");
                report.AppendLine();
                foreach (var (process, samples) in profiles.Where(_ => watchers >= 10_000)) samples.AppendTopStacks(report, $"{phase.Key} {process}", 10);
            }
        }
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>A metric's median as a cell; a worst value gets the place of its message in the step (<c>_max_at</c>).</summary>
    private static string Cell(JsonElement median, string metric, int watchers)
    {
        if (!median.TryGetProperty(LiveSizes.Metric(metric, watchers), out var value)) return "–";
        var cell = value.GetDouble().ToString("0.0", CultureInfo.InvariantCulture);
        return metric.EndsWith("_max_ms", StringComparison.Ordinal) && median.TryGetProperty(LiveSizes.Metric(metric.Replace("_ms", "_at", StringComparison.Ordinal), watchers), out var at)
            ? $"{cell} (#{at.GetDouble():0})"
            : cell;
    }

    /// <summary>The watcher counts a result has figures for (its <c>p50_ms_N</c> metrics).</summary>
    private static IEnumerable<int> Watchers(JsonElement median) =>
        median.EnumerateObject().Where(p => p.Name.StartsWith("p50_ms_", StringComparison.Ordinal))
            .Select(p => int.Parse(p.Name["p50_ms_".Length..], CultureInfo.InvariantCulture)).Order();

    /// <summary>Messages per step at the result's size.</summary>
    private static int PerStep(JsonElement result) =>
        LiveSizes.MessagesPerStep((BenchSize)result.GetProperty("configuration").GetProperty("size").GetInt32());

    /// <summary><c>S4M-10000-gateway.nettrace</c> → <c>S4M-10000</c>.</summary>
    private static string PhaseOf(string trace) => string.Join('-', Path.GetFileNameWithoutExtension(trace).Split('-').Take(2));

    private static string ProcessOf(string trace) => string.Join('-', Path.GetFileNameWithoutExtension(trace).Split('-').Skip(2));

    private static (int, int) PhaseOrder(string phase) =>
        (int.Parse(phase.Split('-')[1], CultureInfo.InvariantCulture), Array.IndexOf(Scenarios, phase.Split('-')[0]));
}
