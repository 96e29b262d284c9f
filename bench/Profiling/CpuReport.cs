using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Auction.Bench.Profiling;

/// <summary>
/// <c>cpu-report DIR OUT</c>: the breakdown of S3's server CPU per accepted bid from what bench/profile-s3.sh left in
/// DIR (per mode: <c>plain/</c>, an S3 result with <c>server_cpu_ms_per_bid</c>, and <c>traced/</c>, a dotnet-trace
/// thread-time trace per server process over the capacity phase of a second run). Each trace's top methods by exclusive samples, waits left out, are put in
/// components by name (first matching rule); a component's share of the running samples times the CPU per bid is
/// its CPU per bid. The samples are of thread time (the sampler runs in-process), so this apportions the measured
/// CPU time; it does not measure it. Each trace is also converted to speedscope for a flame graph.
/// </summary>
public static partial class CpuReport
{
    private const int TopMethods = 300;

    /// <summary>Components, in matching order (the first rule whose pattern the method name contains wins).</summary>
    private static readonly (string Component, string[] Patterns)[] Components =
    [
        ("fan-out (SignalR, live events)", ["SignalR", "HubConnection", "Gateway.Live", "LiveEvents", "WebSocket"]),
        ("HTTP + JWT", ["Kestrel", "Jwt", "IdentityModel", "Authentication", "Authorization", "Routing", "Http"]),
        ("journal (store)", ["Sqlite", "SQLite", "sqlite3", "Redis", "Journal"]),
        ("hashing and signing", ["SHA256", "Sha256", "HashChain", "Cryptography", "HMAC", "ECDsa"]),
        ("decision (rules, listing state)", ["Auction.Silo.Rules", "Auction.Silo.Methods", "Rules.", "ListingState", "Bidding", "Decide"]),
        ("JSON", ["Json"]),
        ("grain call (Orleans messaging, serialization, scheduling)", ["Orleans", "Grain", "Activation"]),
        ("GC and allocation", ["GC", "Alloc"]),
        ("sockets, threads, runtime", [""]),
    ];

    /// <summary>Frames where a thread waits rather than runs.</summary>
    private static readonly string[] Waiting =
        ["Wait", "Sleep", "Sys.Read(", "WaitForSocketEvents", "GateThreadStart", "Semaphore", "ReadKey", "epoll", "Poll("];

    public static async Task<int> Write(string folder, string output)
    {
        var report = new StringBuilder();
        report.AppendLine("# S3: server CPU per accepted bid, by component").AppendLine();
        report.AppendLine("Made by `bash bench/profile-s3.sh` (see the README's benchmark section). CPU per bid = the server processes'");
        report.AppendLine("CPU time (user + system, `/proc`) in S3's capacity phase ÷ its accepted bids. Components apportion that time by");
        report.AppendLine("the top methods of a `dotnet-trace` thread-time sample of the same phase (exclusive samples, waits left out).");
        report.AppendLine("Figures from a shared or busy machine are not measurements (BENCHMARKS.md).").AppendLine();
        foreach (var mode in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            // The plain run's figure (tracing slows the server); the traced run's when there is no plain one.
            var result = new[] { "plain", "traced" }.Select(run => Path.Combine(mode, run)).Where(Directory.Exists)
                .SelectMany(run => Directory.GetFiles(run, "*-S3.json").Order(StringComparer.Ordinal)).FirstOrDefault();
            if (result is null) continue;
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(result));
            var median = json.RootElement.GetProperty("results").EnumerateArray().First().GetProperty("median");
            var perBid = median.GetProperty("server_cpu_ms_per_bid").GetDouble();
            report.AppendLine($"## {Path.GetFileName(mode)}").AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"{median.GetProperty("bids_per_s").GetDouble():0} accepted bids/s, **{perBid:0.000} ms server CPU per bid**.").AppendLine();
            foreach (var trace in Directory.GetFiles(mode, "*.nettrace", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var exclusive = Parse(await DotnetTrace("report", trace, "topN", "-n", $"{TopMethods}"));
                var inclusive = Parse(await DotnetTrace("report", trace, "topN", "-n", "40", "--inclusive"));
                await DotnetTrace("convert", trace, "--format", "Speedscope");
                var running = exclusive.Where(m => !Waiting.Any(w => m.Name.Contains(w, StringComparison.Ordinal))).ToArray();
                var total = running.Sum(m => m.Exclusive);
                report.AppendLine($"### {Path.GetFileNameWithoutExtension(trace)}").AppendLine();
                report.AppendLine("| component | share of running samples | ≈ ms CPU per bid (all processes) |").AppendLine("|---|---:|---:|");
                foreach (var (component, share) in running.GroupBy(m => Component(m.Name)).Select(g => (g.Key, g.Sum(m => m.Exclusive) / Math.Max(1, total))).OrderByDescending(c => c.Item2))
                    report.AppendLine(CultureInfo.InvariantCulture, $"| {component} | {share:P0} | {share * perBid:0.000} |");
                report.AppendLine().AppendLine("Top methods by inclusive samples (waits included):").AppendLine().AppendLine("```");
                foreach (var m in inclusive) report.AppendLine(CultureInfo.InvariantCulture, $"{m.Inclusive,4:0}%  {m.Name}");
                report.AppendLine("```").AppendLine();
            }
        }
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine(report);
        return 0;
    }

    private static string Component(string method) => Components.First(c => c.Patterns.Any(p => method.Contains(p, StringComparison.Ordinal))).Component;

    private sealed record Method(string Name, double Inclusive, double Exclusive);

    /// <summary>Lines of <c>dotnet-trace report … topN</c>: <c>12. Type.Method(args)   30%   20%</c>.</summary>
    private static Method[] Parse(string text) =>
        [.. text.Split('\n').Select(l => TopLine().Match(l)).Where(m => m.Success)
            .Select(m => new Method(m.Groups[1].Value.Trim(), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)))];

    [GeneratedRegex(@"^\s*\d+\.\s+(.*?)\s+(\d+(?:\.\d+)?)%\s+(\d+(?:\.\d+)?)%\s*$")]
    private static partial Regex TopLine();

    private static async Task<string> DotnetTrace(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", ["dotnet-trace", .. arguments])
        {
            WorkingDirectory = Auction.TestSupport.ServiceProcess.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet-trace");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet-trace {string.Join(' ', arguments)} failed: {await errors}");
        return await output;
    }
}
