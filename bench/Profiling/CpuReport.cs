using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Auction.Bench.Profiling;

/// <summary>
/// <c>cpu-report DIR OUT [S3|S3R]</c>: the breakdown of S3's (or S3R's, its bids over REST) server CPU per accepted bid
/// from what bench/profile-s3.sh left in DIR (per mode: <c>plain/</c>, a result with <c>server_cpu_ms_per_bid</c>, and
/// <c>traced/</c>, a dotnet-trace thread-time trace per server process over the capacity phase of a second run).
/// <para>
/// Each trace is converted to speedscope and read stack by stack. Only samples taken while managed code ran on a CPU
/// (the sampler's <c>CPU_TIME</c> leaf) count: the sampler cannot tell native code that runs from a thread blocked in
/// the kernel, so both are left out and the report says how much of the measured CPU the counted samples cover. A
/// sample belongs to the component of the frame nearest its leaf that a rule names (a JSON frame under the journal is
/// JSON; an SQLite call under the listing grain is the store). The finalizer thread is left out: it is sampled as
/// running while /proc shows it idle.
/// </para>
/// </summary>
public static class CpuReport
{
    private const string OtherComponent = "other (task continuations, runtime)";

    /// <summary>Components by the frames that belong to them; at each frame the first rule that matches wins.</summary>
    private static readonly (string Component, string[] Patterns)[] Components =
    [
        ("idle workers spinning or blocking", ["LowLevelLifoSemaphore", "SpinWait", "ManualResetEventSlim.Wait", "Monitor.Wait", "Task.InternalWait", "Thread.Sleep", "WaitHandle.Wait"]),
        ("hashing and signing", ["SHA256", "Sha256", "HashChain", "ECDsa", "HMAC", "Cryptography"]),
        ("JSON", ["System.Text.Json"]),
        ("journal store (SQLite, Redis)", ["Sqlite", "SQLite", "StackExchange.Redis", "JournalStore"]),
        ("resilience (Polly: journal store, gateway's cluster calls)", ["Polly", "ResilientJournal"]),
        ("decision (rules, methods)", ["Auction.Silo.Methods", "Auction.Silo.Rules", "ListingEngine", "ListingState", "RecentRejections"]),
        ("fan-out (live events, SignalR)", ["SignalR", "Auction.Gateway.Live", "Auction.Silo.Live", "WebSocket"]),
        ("HTTP + JWT", ["Kestrel", "AspNetCore", "IdentityModel", "Jwt", "System.Net.Http"]),
        ("gateway (endpoints, bid rate limit, cluster calls)", ["Auction.Gateway", "System.Threading.RateLimiting"]),
        ("listing grain (record, checkpoint, timers)", ["Auction.Silo.Listing", "Auction.Silo.Journal", "Auction.Silo.Records"]),
        ("metrics", ["System.Diagnostics.Metrics", "OpenTelemetry"]),
        ("grain call (Orleans messaging, serialization, scheduling)", ["Orleans"]),
        ("sockets", ["System.Net.Sockets", "System.IO.Pipelines"]),
    ];

    public static async Task<int> Write(string folder, string output, string scenario = "S3")
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# {scenario}: server CPU per accepted bid, by component").AppendLine();
        report.AppendLine("Made by `bash bench/profile-s3.sh` (see the README's benchmark section). CPU per bid = the server processes'");
        report.AppendLine(CultureInfo.InvariantCulture, $"CPU time (user + system, `/proc`) in {scenario}'s capacity phase ÷ its accepted bids, from a run without tracing.");
        report.AppendLine("Components divide that time by a `dotnet-trace` thread-time sample of the same phase of a second run: each");
        report.AppendLine("sample taken while managed code ran goes to the component of the frame nearest its leaf that a rule names");
        report.AppendLine("(`bench/Profiling/CpuReport.cs`). Native code and kernel time cannot be told from waits in such a trace; the");
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

            var profiles = new List<(string Process, Samples Samples)>();
            foreach (var trace in traces)
            {
                await DotnetTrace("convert", trace, "--format", "Speedscope");
                var speedscope = Path.ChangeExtension(trace, ".speedscope.json");
                profiles.Add((Path.GetFileNameWithoutExtension(trace), Samples.Read(speedscope)));
            }
            if (profiles.Count == 0) continue;
            var tracedCpuMs = tracedResult is null ? double.NaN : TracedCpuMs(tracedResult);
            var counted = profiles.Sum(p => p.Samples.CountedMs);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"Coverage: the counted samples are {counted / 1000:0.0} s of managed CPU; the traced run's server processes used {tracedCpuMs / 1000:0.0} s of CPU in the phase.").AppendLine();
            report.AppendLine("| component | share of counted samples | ≈ ms CPU per bid | per process |").AppendLine("|---|---:|---:|---|");
            foreach (var component in Components.Select(c => c.Component).Append(OtherComponent)
                         .Select(c => (Name: c, Ms: profiles.Sum(p => p.Samples.Component(c))))
                         .Where(c => c.Ms > 0).OrderByDescending(c => c.Ms))
            {
                var share = component.Ms / Math.Max(1, counted);
                var perProcess = string.Join(", ", profiles.Select(p => $"{p.Process.Split('-').Last()} {p.Samples.Component(component.Name) / Math.Max(1, counted):P0}"));
                report.AppendLine(CultureInfo.InvariantCulture, $"| {component.Name} | {share:P0} | {share * perBid:0.000} | {perProcess} |");
            }
            report.AppendLine();
            foreach (var (process, samples) in profiles)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"Heaviest stacks in {process} (leaf first, four frames; share of its counted samples):").AppendLine().AppendLine("```");
                foreach (var (stack, ms) in samples.TopStacks(12)) report.AppendLine(CultureInfo.InvariantCulture, $"{ms / Math.Max(1, samples.CountedMs),5:P1}  {stack}");
                report.AppendLine("```").AppendLine();
            }
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

    /// <summary>The component a stack's time belongs to: the frame nearest the leaf that a rule names.</summary>
    private static string ComponentOf(IReadOnlyList<string> stackLeafFirst)
    {
        foreach (var frame in stackLeafFirst)
            foreach (var (component, patterns) in Components)
                if (patterns.Any(p => frame.Contains(p, StringComparison.Ordinal))) return component;
        return OtherComponent;
    }

    /// <summary>The on-CPU samples of one speedscope file (dotnet-trace's evented profiles, one per thread).</summary>
    private sealed class Samples
    {
        private readonly Dictionary<string, double> _byComponent = [];
        private readonly Dictionary<string, double> _byStack = [];

        public double CountedMs { get; private set; }

        public double Component(string name) => _byComponent.GetValueOrDefault(name);

        public IEnumerable<(string Stack, double Ms)> TopStacks(int count) =>
            _byStack.OrderByDescending(s => s.Value).Take(count).Select(s => (s.Key, s.Value));

        public static Samples Read(string speedscope)
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(speedscope));
            var frames = json.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray()
                .Select(f => f.GetProperty("name").GetString() ?? "?").ToArray();
            var samples = new Samples();
            foreach (var profile in json.RootElement.GetProperty("profiles").EnumerateArray())
            {
                var stack = new List<int>();
                double? last = null;
                var finalizer = false;
                foreach (var e in profile.GetProperty("events").EnumerateArray())
                {
                    var at = e.GetProperty("at").GetDouble();
                    if (last is { } from && stack.Count > 0 && !finalizer && frames[stack[^1]] == "CPU_TIME")
                        samples.Add([.. stack.Take(stack.Count - 1).Reverse().Select(i => frames[i])], at - from);
                    last = at;
                    if (e.GetProperty("type").GetString() == "O") stack.Add(e.GetProperty("frame").GetInt32());
                    else stack.RemoveAt(stack.Count - 1);
                    finalizer |= stack.Count > 0 && frames[stack[^1]].Contains("GC.RunFinalizers", StringComparison.Ordinal);
                }
            }
            return samples;
        }

        private void Add(string[] leafFirst, double ms)
        {
            CountedMs += ms;
            var component = ComponentOf(leafFirst);
            _byComponent[component] = _byComponent.GetValueOrDefault(component) + ms;
            var key = string.Join(" ← ", leafFirst.Take(4).Select(Short));
            _byStack[key] = _byStack.GetValueOrDefault(key) + ms;
        }

        /// <summary><c>Module!Namespace.Type.Method(args)</c> → <c>Type.Method</c>.</summary>
        private static string Short(string frame)
        {
            var name = frame[(frame.IndexOf('!') + 1)..];
            var args = name.IndexOf('(');
            if (args > 0) name = name[..args];
            var parts = name.Split('.');
            return parts.Length >= 2 ? $"{parts[^2]}.{parts[^1]}" : name;
        }
    }

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
