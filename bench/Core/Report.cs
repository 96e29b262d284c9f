using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Auction.Bench.Core;

/// <summary>The outcome of one benchmark in one mode: every run, the medians and spread, and the goals.</summary>
public sealed record BenchResult(
    string Id, string Title, string Mode, int Runs,
    IReadOnlyList<IReadOnlyDictionary<string, double>> RunMetrics,
    IReadOnlyDictionary<string, double> Median,
    IReadOnlyDictionary<string, double[]> Spread,
    IReadOnlyList<GoalResult> Goals,
    IReadOnlyList<Check> Checks,
    IReadOnlyList<string> Notes);

public sealed record GoalResult(string Description, double? Value, double? Target, bool? Met, string? Ratio);

/// <summary>Machine facts recorded with every result (numbers mean little without them).</summary>
public sealed record MachineFacts(string Os, string Runtime, int Cores, long MemoryMb, string Cpu, string GeneratorCpus, string ServerCpus)
{
    public static MachineFacts Read(string generatorCpus, string serverCpus) => new(
        RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024),
        File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?" : "?",
        generatorCpus, serverCpus);
}

/// <summary>Writes <c>bench/results/&lt;date&gt;-&lt;id&gt;.json</c>, a Markdown summary, and the README table.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static BenchResult Summarize(IBenchmark benchmark, BenchMode mode, IReadOnlyList<Measurement> runs, IReadOnlyDictionary<string, BenchResult> baselines)
    {
        var names = runs.SelectMany(r => r.Metrics.Keys).Distinct().ToArray();
        var median = names.ToDictionary(n => n, n => Median(runs.Where(r => r.Metrics.ContainsKey(n)).Select(r => r.Metrics[n])));
        var spread = names.ToDictionary(n => n, n => new[] { runs.Where(r => r.Metrics.ContainsKey(n)).Min(r => r.Metrics[n]), runs.Where(r => r.Metrics.ContainsKey(n)).Max(r => r.Metrics[n]) });
        var goals = benchmark.Goals.Select(g => Evaluate(g, median, baselines)).ToArray();
        return new BenchResult(benchmark.Id, benchmark.Title, mode.ToString().ToLowerInvariant(), runs.Count,
            runs.Select(r => r.Metrics).ToArray(), median, spread, goals, runs.SelectMany(r => r.Checks).ToArray(),
            runs.Select(r => r.Note).OfType<string>().Distinct().ToArray());
    }

    private static GoalResult Evaluate(Goal goal, IReadOnlyDictionary<string, double> median, IReadOnlyDictionary<string, BenchResult> baselines)
    {
        if (!median.TryGetValue(goal.Metric, out var value)) return new GoalResult(goal.Description, null, null, null, null);
        double? target = goal.Absolute;
        string? ratio = null;
        if (goal.BaselineId is not null)
        {
            if (!baselines.TryGetValue(goal.BaselineId, out var baseline) || !baseline.Median.TryGetValue(goal.BaselineMetric!, out var reference))
                return new GoalResult(goal.Description, value, null, null, "baseline not measured");
            target = reference * goal.Factor;
            ratio = (value / reference).ToString("0.00", CultureInfo.InvariantCulture);
        }
        var met = goal.HigherIsBetter ? value >= target : value <= target;
        return new GoalResult(goal.Description, value, target, met, ratio);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static async Task<string> Write(string directory, IReadOnlyList<BenchResult> results, MachineFacts machine, object configuration)
    {
        Directory.CreateDirectory(directory);
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var group in results.GroupBy(r => r.Id))
            await File.WriteAllTextAsync(Path.Combine(directory, $"{date}-{group.Key}.json"),
                JsonSerializer.Serialize(new { machine, configuration, results = group.ToArray() }, Json));
        var markdown = Markdown(results, machine, configuration, date);
        await File.WriteAllTextAsync(Path.Combine(directory, $"{date}-summary.md"), markdown);
        await File.WriteAllTextAsync(Path.Combine(directory, "latest.md"), markdown);
        return markdown;
    }

    public static string Markdown(IReadOnlyList<BenchResult> results, MachineFacts machine, object configuration, string date)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Benchmarks of {date}: {machine.Cores} cores ({machine.Cpu}), {machine.MemoryMb} MB, {machine.Runtime}; generator on CPU {machine.GeneratorCpus}, server on CPU {machine.ServerCpus}. Medians of {results.Select(r => r.Runs).DefaultIfEmpty(0).Max()} runs, [min–max] spread.");
        md.AppendLine();
        md.AppendLine("| Mode | ID | Benchmark | Median (spread) | Goal | Ratio | Met | Correct |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var metrics = string.Join("<br>", r.Median.Select(m => $"{m.Key} {Format(m.Value)} [{Format(r.Spread[m.Key][0])}–{Format(r.Spread[m.Key][1])}]"));
            var goals = r.Goals.Count == 0 ? "none (a baseline, or reported only)" : string.Join("<br>", r.Goals.Select(g => g.Description));
            var ratios = string.Join("<br>", r.Goals.Select(g => g.Ratio ?? "–"));
            var met = r.Goals.Count == 0 ? "–" : string.Join("<br>", r.Goals.Select(g => g.Met switch { true => "yes", false => "**no**", null => "?" }));
            var correct = r.Checks.Count == 0 ? "–" : r.Checks.All(c => c.Passed) ? "yes" : "**no**";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Mode} | {r.Id} | {r.Title} | {metrics} | {goals} | {ratios} | {met} | {correct} |");
        }
        var notes = results.SelectMany(r => r.Notes.Select(n => $"- {r.Mode} {r.Id}: {n}")).ToArray();
        if (notes.Length > 0)
        {
            md.AppendLine();
            foreach (var note in notes) md.AppendLine(note);
        }
        return md.ToString();
    }

    /// <summary>
    /// The README's table: per benchmark only the headline metrics (those the goals compare, the ones other goals
    /// use as baselines, and the loss counters), each goal with its value, target and ratio.
    /// </summary>
    public static string Compact(IReadOnlyList<BenchResult> results, IReadOnlyList<IBenchmark> benchmarks, MachineFacts machine, string date)
    {
        string[] counters = ["lost", "duplicates", "gaps", "recovery_s", "connections", "kb_per_connection"];
        var referenced = benchmarks.SelectMany(b => b.Goals).Where(g => g.BaselineMetric is not null)
            .Select(g => (g.BaselineId, g.BaselineMetric)).ToHashSet();
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run of {date} on {machine.Cores} cores ({machine.Cpu}), {machine.MemoryMb / 1024} GB, {machine.Runtime}: generator on CPU {machine.GeneratorCpus}, servers on CPU {machine.ServerCpus}; medians of {results.Select(r => r.Runs).DefaultIfEmpty(0).Max()} runs [min–max]. All metrics: `bench/results/{date}-summary.md`.");
        md.AppendLine();
        md.AppendLine("| Mode | ID | Headline (median [min–max]) | Goal: value vs target (ratio) | Met | Correct |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var benchmark = benchmarks.Single(b => b.Id == r.Id);
            var goalMetrics = benchmark.Goals.Select(g => g.Metric).Concat(benchmark.Reported);
            var headline = r.Median.Keys.Where(k => goalMetrics.Contains(k) || referenced.Contains((r.Id, k)) || counters.Contains(k)).ToArray();
            if (headline.Length == 0) headline = r.Median.Keys.Take(3).ToArray();
            var metrics = string.Join("<br>", headline.Select(k => $"{k} {Format(r.Median[k])} [{Format(r.Spread[k][0])}–{Format(r.Spread[k][1])}]"));
            var goals = r.Goals.Count == 0 ? (benchmark.Baselines.Count == 0 ? "baseline" : "reported (no goal of its own)") : string.Join("<br>", r.Goals.Select(g =>
                $"{g.Description}: {(g.Value is { } v ? Format(v) : "n/a")} vs {(g.Target is { } t ? Format(t) : "n/a")}{(g.Ratio is null ? "" : $" ({g.Ratio})")}"));
            var met = r.Goals.Count == 0 ? "–" : string.Join("<br>", r.Goals.Select(g => g.Met switch { true => "yes", false => "**no**", null => "?" }));
            var correct = r.Checks.Count == 0 ? "–" : r.Checks.All(c => c.Passed) ? "yes" : "**no**";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Mode} | {r.Id} | {metrics} | {goals} | {met} | {correct} |");
        }
        return md.ToString();
    }

    /// <summary>Reads the results a run wrote on <paramref name="date"/> back (for re-rendering the tables).</summary>
    public static async Task<(IReadOnlyList<BenchResult> Results, MachineFacts Machine)> Load(string directory, string date)
    {
        var results = new List<BenchResult>();
        MachineFacts? machine = null;
        foreach (var file in Directory.GetFiles(directory, $"{date}-*.json").Order(StringComparer.Ordinal))
        {
            var saved = JsonSerializer.Deserialize<Saved>(await File.ReadAllTextAsync(file), Json)!;
            machine ??= saved.Machine;
            results.AddRange(saved.Results);
        }
        var order = results.Select(r => r.Mode).Distinct().ToList();
        return (results.OrderBy(r => order.IndexOf(r.Mode)).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray(), machine!);
    }

    private sealed record Saved(MachineFacts Machine, BenchResult[] Results);

    /// <summary>Replaces the table between the bench markers of the README.</summary>
    public static async Task UpdateReadme(string readme, string markdown)
    {
        const string begin = "<!-- bench:begin -->", end = "<!-- bench:end -->";
        var text = await File.ReadAllTextAsync(readme);
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from) return;
        await File.WriteAllTextAsync(readme, text[..(from + begin.Length)] + "\n" + markdown + text[to..]);
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "n/a" : value >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
