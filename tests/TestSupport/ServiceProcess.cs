using System.Collections.Concurrent;
using System.Diagnostics;

namespace Auction.TestSupport;

/// <summary>
/// One of our executables (a silo host or a gateway) started as a real process from its built dll, with its
/// settings as environment variables, in the Development environment unless its settings say otherwise. Stopped
/// by pid: <see cref="Kill"/> is kill -9; disposal always kills. A process that dies without disposing it (a crashed
/// test host or bench harness) takes it along: a watchdog kills the service within a second of its starter's death.
/// The last lines of its output are kept for failure messages.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _tail = new();
    private Process? _process;
    private Process? _watchdog;

    private ServiceProcess(string name) => Name = name;

    public string Name { get; }

    public int? Pid => _process?.Id;

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>The dll of a project built next to the tests, e.g. <c>src/Gateway/bin/Debug/net10.0/Auction.Gateway.dll</c>.</summary>
    public static string BuiltDll(string projectFolder, string assembly)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // …/bin/<Configuration>/net10.0
        var dll = Path.Combine(RepositoryRoot(), projectFolder, "bin", configuration, "net10.0", assembly + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built; build the solution first (scripts/test.sh does).");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Auction.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Auction.sln not found above the test binaries");
    }

    /// <param name="cpus">When set (e.g. "1"), the process is pinned to those cores with taskset (benchmarks).</param>
    public static ServiceProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, string? cpus = null) =>
        Start(name, dll, [], environment, cpus);

    /// <summary>As above, with command-line <paramref name="arguments"/> after the dll (e.g. <c>serve-b3 --port N</c>).</summary>
    public static ServiceProcess Start(string name, string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string? cpus = null)
    {
        var service = new ServiceProcess(name);
        service.Launch(dll, arguments, environment, cpus);
        return service;
    }

    private void Launch(string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string? cpus)
    {
        var start = cpus is null ? new ProcessStartInfo("dotnet", [dll, .. arguments]) : new ProcessStartInfo("taskset", ["-c", cpus, "dotnet", dll, .. arguments]);
        start.WorkingDirectory = Path.GetDirectoryName(dll)!;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment.Remove("ASPNETCORE_URLS");
        // The built dll runs in Production unless told otherwise, and Production refuses the public development
        // secrets: test processes are Development unless a test about production overrides this.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start");
        _watchdog = KillWhenParentDies(Environment.ProcessId, _process.Id);
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Polls <paramref name="url"/> until it answers 2xx (bounded), failing with the process output.</summary>
    public async Task WaitHealthy(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (HasExited) throw new InvalidOperationException($"{Name} exited early.\n{Tail()}");
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} was not healthy at {url} within {timeout}.\n{Tail()}");
    }

    /// <summary>The exit code once the process has ended, else null.</summary>
    public int? ExitCode => _process is { HasExited: true } ? _process.ExitCode : null;

    /// <summary>Waits (bounded) for the process to end by itself and returns its exit code, or null if it is still running.</summary>
    public async Task<int?> WaitForExit(TimeSpan timeout)
    {
        if (_process is null) return null;
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        return _process.ExitCode;
    }

    /// <summary>Everything the process wrote (stdout and stderr, the last 200 lines).</summary>
    public string Output => string.Join('\n', _tail);

    /// <summary>kill -9: no shutdown hooks, no flush.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit(10_000);
        StopWatchdog();
    }

    /// <summary>
    /// A watchdog (a small shell loop) that kill -9s <paramref name="child"/> once <paramref name="parent"/> has died, and
    /// ends by itself when the child ends first. It checks the child's start time before killing, so a pid reused by
    /// another process is never signalled. Kill the watchdog when the child is stopped the normal way.
    /// </summary>
    public static Process KillWhenParentDies(int parent, int child)
    {
        // Bash builtins only, apart from sleep: it polls once a second for as long as the service runs (benchmarks too).
        const string script = """
            # state and start time of a pid (fields 3 and 22 of /proc/PID/stat, after the command name in parentheses)
            look() { line=; read -r line 2>/dev/null < "/proc/$1/stat"; set -- ${line##*") "}; state=${1:-}; since=${20:-}; }
            parent=$1 child=$2
            look "$child"; born=$since
            [ -n "$born" ] || exit 0
            while look "$parent"; [ -n "$state" ] && [ "$state" != Z ]; do
              look "$child"; [ "$since" = "$born" ] || exit 0
              sleep 1
            done
            look "$child"; [ "$since" = "$born" ] && kill -9 "$child"
            exit 0
            """;
        var start = new ProcessStartInfo("bash", ["-c", script, "service-watchdog", $"{parent}", $"{child}"])
        {
            // Its own pipes, so it never holds the test host's output open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("the service watchdog did not start");
    }

    private void StopWatchdog()
    {
        if (_watchdog is { HasExited: false }) _watchdog.Kill();
        _watchdog?.WaitForExit(5_000);
    }

    public string Tail() => $"--- {Name} (pid {Pid}) last output ---\n{string.Join('\n', _tail)}";

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        _watchdog?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _tail.Enqueue(line);
        while (_tail.Count > 200) _tail.TryDequeue(out _);
    }
}
