using System.Diagnostics;
using Auction.Bench.Core;
using Auction.Bench.Live;

namespace Auction.Bench.Profiling;

/// <summary>
/// The server's CPU over one measured phase: the CPU time (user + system) of every .NET server process (gateway,
/// silos) between <see cref="Start"/> and <see cref="Stop"/>, always; and, when <c>AUCTION_BENCH_PROFILE</c> names a
/// folder (bench/profile-s3.sh sets it), a <c>dotnet-trace</c> CPU-sampling trace and a <c>dotnet-counters</c> CSV of
/// each process over the same phase, written there as <c>{id}-{process}.nettrace</c> / <c>.counters.csv</c>.
/// </summary>
public sealed class ServerProfile
{
    public const string FolderVariable = "AUCTION_BENCH_PROFILE";

    private readonly (string Name, int Pid, TimeSpan CpuAtStart)[] _servers;
    private readonly List<Process> _tools = [];
    private readonly TextWriter _log;

    private ServerProfile(BenchContext context, string id, TimeSpan phase, IEnumerable<(string Name, int Pid)> processes)
    {
        _log = context.Log;
        _servers = [.. processes.Select(p => (p.Name, p.Pid, ProcessFacts.CpuTime(p.Pid)))];
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        foreach (var (name, pid, _) in _servers)
        {
            var file = Path.Combine(folder, $"{id}-{name}");
            // The tools stop by themselves after --duration (they ignore signals and stdin when not run from a terminal).
            var duration = $"{(int)phase.TotalDays:00}:{phase.Hours:00}:{phase.Minutes:00}:{phase.Seconds:00}";
            Tool("dotnet-trace", "collect", "-p", $"{pid}", "--profile", "dotnet-sampled-thread-time", "--duration", duration, "-o", file + ".nettrace");
            Tool("dotnet-counters", "collect", "-p", $"{pid}", "--format", "csv", "--refresh-interval", "1", "--duration", duration, "-o", file + ".counters.csv",
                // Not Microsoft.Orleans: observing its gauges enumerates the grain directory cache every second, which was
                // a sixth of a silo's samples in the first cluster profile (a cost only the observer creates).
                "--counters", "System.Runtime,Microsoft.AspNetCore.Hosting,Microsoft.AspNetCore.Server.Kestrel");
        }
        Thread.Sleep(TimeSpan.FromSeconds(3)); // the tools attach before the phase starts
    }

    /// <summary>Whether <c>AUCTION_BENCH_PROFILE</c> asks for traces (scenarios that only trace set up no phase without it).</summary>
    public static bool Tracing => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(FolderVariable));

    /// <summary>Starts measuring a phase that lasts <paramref name="phase"/> (the traces cover that long).</summary>
    public static ServerProfile Start(BenchContext context, string id, TimeSpan phase) =>
        Start(context, id, phase, context.System.Servers.Select(s => (s.Name, s.Pid ?? 0)));

    /// <summary>The same over the given processes (a scenario's own server, the generator itself).</summary>
    public static ServerProfile Start(BenchContext context, string id, TimeSpan phase, IEnumerable<(string Name, int Pid)> processes) =>
        new(context, id, phase, processes);

    /// <summary>Ends the phase: the server processes' CPU time in it (total and per process); waits for the tools.</summary>
    public async Task<(TimeSpan Total, IReadOnlyDictionary<string, TimeSpan> PerProcess)> Stop()
    {
        var used = _servers.ToDictionary(s => s.Name, s => ProcessFacts.CpuTime(s.Pid) - s.CpuAtStart);
        foreach (var tool in _tools)
        {
            try
            {
                await tool.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                _log.WriteLine($"profiling tool {tool.Id} did not stop; killing it");
                tool.Kill();
            }
            tool.Dispose();
        }
        return (used.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b), used);
    }

    private void Tool(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [name, .. arguments])
        {
            WorkingDirectory = Auction.TestSupport.ServiceProcess.RepositoryRoot(), // the tool manifest (dotnet-tools.json)
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) _log.WriteLine($"  {name}: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _tools.Add(process);
    }
}
