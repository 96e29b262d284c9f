using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Auction.Bench.Profiling;

/// <summary>
/// The on-CPU samples of one <c>dotnet-trace</c> thread-time trace, divided by component. Only samples taken while
/// managed code ran on a CPU (the sampler's <c>CPU_TIME</c> leaf) count: the sampler cannot tell native code that runs
/// from a thread blocked in the kernel, so both are left out (the reports say how much of the measured CPU the counted
/// samples cover). A sample belongs to the component of the frame nearest its leaf that a rule names (a JSON frame under
/// the journal is JSON; an SQLite call under the listing grain is the store). The finalizer thread is left out: it is
/// sampled as running while /proc shows it idle.
/// </summary>
public sealed class TraceSamples
{
    public const string OtherComponent = "other (task continuations, runtime)";

    private static readonly (string Component, string[] Patterns) Idle =
        ("idle workers spinning or blocking", ["LowLevelLifoSemaphore", "SpinWait", "ManualResetEventSlim.Wait", "Monitor.Wait", "Task.InternalWait", "Thread.Sleep", "WaitHandle.Wait"]);

    /// <summary>
    /// The observer's own cost: dotnet-counters turning the runtime's metrics on builds every instrument's state on the
    /// event-source command thread (17 s of samples at one gateway's first traced step, at no other).
    /// </summary>
    private static readonly (string Component, string[] Patterns) Observer =
        ("the profiling tools' own (counters turned on)", ["MetricsEventSource", "EventPipe"]);

    /// <summary>Components that are not the process's work: shares of work leave them out.</summary>
    public static readonly string[] NotWork = [Idle.Component, Observer.Component];

    /// <summary>The silo's parts, named the same in every report.</summary>
    private static readonly (string Component, string[] Patterns)[] Engine =
    [
        ("hashing and signing", ["SHA256", "Sha256", "HashChain", "ECDsa", "HMAC", "Cryptography"]),
        ("JSON", ["System.Text.Json"]),
        ("journal store (SQLite, Redis)", ["Sqlite", "SQLite", "StackExchange.Redis", "JournalStore"]),
        ("resilience (Polly: journal store, gateway's cluster calls)", ["Polly", "ResilientJournal"]),
        ("decision (rules, methods)", ["Auction.Silo.Methods", "Auction.Silo.Rules", "ListingEngine", "ListingState", "RecentRejections"]),
    ];

    /// <summary>Per accepted bid (S3, S3R): the breakdown issue 14 asks for. At each frame the first rule that matches wins.</summary>
    public static readonly (string Component, string[] Patterns)[] BidPath =
    [
        Idle,
        .. Engine,
        ("fan-out (live events, SignalR)", ["SignalR", "Auction.Gateway.Live", "Auction.Silo.Live", "WebSocket"]),
        ("HTTP + JWT", ["Kestrel", "AspNetCore", "IdentityModel", "Jwt", "System.Net.Http"]),
        ("gateway (endpoints, bid rate limit, cluster calls)", ["Auction.Gateway", "System.Threading.RateLimiting"]),
        ("listing grain (record, checkpoint, timers)", ["Auction.Silo.Listing", "Auction.Silo.Journal", "Auction.Silo.Records"]),
        ("metrics", ["System.Diagnostics.Metrics", "OpenTelemetry"]),
        ("grain call (Orleans messaging, serialization, scheduling)", ["Orleans"]),
        ("sockets", ["System.Net.Sockets", "System.IO.Pipelines"]),
    ];

    /// <summary>
    /// Per delivered event (S4, S4M, B3): the fan-out divided finer, on both ends (the gateway's sends, the generator's
    /// receipts), so the hub protocol's share can be told from the transport's.
    /// </summary>
    public static readonly (string Component, string[] Patterns)[] LivePath =
    [
        Idle,
        ("MessagePack", ["MessagePack"]),
        .. Engine,
        ("SignalR hub protocol (framing, parsing)", ["HubProtocol", "TextMessageParser", "BinaryMessageParser", "TextMessageFormatter", "BinaryMessageFormatter"]),
        ("WebSockets", ["WebSocket"]),
        ("sockets and pipes", ["System.Net.Sockets", "System.IO.Pipelines"]),
        ("gateway live path (stream subscription, event cache, sends)", ["Auction.Gateway.Live", "Auction.Silo.Live"]),
        ("SignalR connections and dispatch", ["SignalR"]),
        ("bench code (the generator's bookkeeping; B3's hub)", ["Auction.Bench"]),
        ("HTTP (Kestrel, HttpClient)", ["Kestrel", "AspNetCore", "System.Net.Http"]),
        ("listing grain (record, checkpoint, timers)", ["Auction.Silo.Listing", "Auction.Silo.Journal", "Auction.Silo.Records"]),
        ("grain call, Orleans streams (messaging, serialization, scheduling)", ["Orleans"]),
        ("metrics", ["System.Diagnostics.Metrics", "OpenTelemetry"]),
    ];

    private readonly (string Component, string[] Patterns)[] _rules;
    private readonly Dictionary<string, double> _byComponent = [];
    private readonly Dictionary<string, double> _byStack = [];

    private TraceSamples((string, string[])[] rules) => _rules = rules;

    public double CountedMs { get; private set; }

    /// <summary>The counted samples less idle workers and the profiling tools' own (<see cref="NotWork"/>).</summary>
    public double WorkMs => CountedMs - NotWork.Sum(Component);

    public double Component(string name) => _byComponent.GetValueOrDefault(name);

    /// <summary>The component names of <paramref name="rules"/> in order, then <see cref="OtherComponent"/>.</summary>
    public static IEnumerable<string> Names((string Component, string[] Patterns)[] rules) =>
        rules.Select(r => r.Component).Append(Observer.Component).Append(OtherComponent);

    /// <summary>The <paramref name="count"/> heaviest stacks as a fenced block under <paramref name="title"/>.</summary>
    public void AppendTopStacks(StringBuilder report, string title, int count)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"Heaviest stacks in {title} (leaf first, four frames; share of its counted samples):").AppendLine().AppendLine("```");
        foreach (var (stack, ms) in _byStack.OrderByDescending(s => s.Value).Take(count))
            report.AppendLine(CultureInfo.InvariantCulture, $"{ms / Math.Max(1, CountedMs),5:P1}  {stack}");
        report.AppendLine("```").AppendLine();
    }

    /// <summary>Converts <paramref name="nettrace"/> to speedscope (beside it) and reads its samples under <paramref name="rules"/>.</summary>
    public static async Task<TraceSamples> Read(string nettrace, (string Component, string[] Patterns)[] rules)
    {
        await DotnetTrace("convert", nettrace, "--format", "Speedscope");
        var speedscope = Path.ChangeExtension(nettrace, ".speedscope.json");
        using var json = JsonDocument.Parse(File.ReadAllBytes(speedscope));
        var frames = json.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString() ?? "?").ToArray();
        var samples = new TraceSamples(rules);
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

    /// <summary>
    /// The component a stack's time belongs to: the profiling tools' own wherever they are on the stack (their work runs
    /// in the runtime's metrics code), else the frame nearest the leaf that a rule names.
    /// </summary>
    private string ComponentOf(IReadOnlyList<string> stackLeafFirst)
    {
        if (stackLeafFirst.Any(frame => Observer.Patterns.Any(p => frame.Contains(p, StringComparison.Ordinal)))) return Observer.Component;
        foreach (var frame in stackLeafFirst)
            foreach (var (component, patterns) in _rules)
                if (patterns.Any(p => frame.Contains(p, StringComparison.Ordinal))) return component;
        return OtherComponent;
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

    private static async Task DotnetTrace(params string[] arguments)
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
        await output;
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet-trace {string.Join(' ', arguments)} failed: {await errors}");
    }
}
