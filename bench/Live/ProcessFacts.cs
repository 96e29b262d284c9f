using System.Globalization;

namespace Auction.Bench.Live;

/// <summary>
/// What Linux says about a process (<c>/proc/&lt;pid&gt;</c>): its open-file limit (<c>ulimit -n</c>, which .NET cannot
/// raise, so it is inherited from the shell that started the harness), its open descriptors and its resident memory.
/// Values are -1 where /proc is unavailable.
/// </summary>
public static class ProcessFacts
{
    /// <summary>Starts measuring how busy the generator (this process) and <paramref name="serverPid"/> are.</summary>
    public static CpuWindow Busy(int serverPid) => new(serverPid);

    /// <summary>CPU use of the generator and the server over a window, in % of one core (a saturated generator measures itself).</summary>
    public sealed class CpuWindow(int serverPid)
    {
        private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();
        private readonly TimeSpan _generator = CpuTime(Environment.ProcessId);
        private readonly TimeSpan _server = CpuTime(serverPid);

        /// <summary>
        /// A live step's CPU figures under <paramref name="watchers"/>: each side's share of its core and its CPU time per
        /// delivery (<c>*_cpu_us_per_delivery</c>: what one watcher's copy of one event costs the generator, the server).
        /// </summary>
        public IEnumerable<(string Name, double Value)> StepMetrics(int watchers, long deliveries)
        {
            var (generator, server, wall) = Used();
            yield return (LiveSizes.Metric("gen_cpu_pct", watchers), 100 * generator.TotalSeconds / wall.TotalSeconds);
            yield return (LiveSizes.Metric("server_cpu_pct", watchers), 100 * server.TotalSeconds / wall.TotalSeconds);
            if (deliveries <= 0) yield break;
            yield return (LiveSizes.Metric("gen_cpu_us_per_delivery", watchers), generator.TotalMicroseconds / deliveries);
            yield return (LiveSizes.Metric("server_cpu_us_per_delivery", watchers), server.TotalMicroseconds / deliveries);
        }

        private (TimeSpan Generator, TimeSpan Server, TimeSpan Wall) Used() =>
            (CpuTime(Environment.ProcessId) - _generator, CpuTime(serverPid) - _server, System.Diagnostics.Stopwatch.GetElapsedTime(_start));
    }

    /// <summary>The soft "Max open files" limit of <paramref name="pid"/> (the one that binds).</summary>
    public static long OpenFileLimit(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            if (line is null) return -1;
            var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>The number of open descriptors of <paramref name="pid"/>.</summary>
    public static long OpenFiles(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").LongCount();
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>Resident set size (VmRSS) in KB.</summary>
    public static long RssKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? -1 : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>CPU time (user + system) of <paramref name="pid"/> so far, from <c>/proc/&lt;pid&gt;/stat</c>; zero when unavailable.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from 3 (state) on
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>The local port range (<c>net.ipv4.ip_local_port_range</c>), i.e. connections per source address to one server port.</summary>
    public static (int Low, int High) LocalPortRange()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (-1, -1);
        }
    }

    /// <summary>One line for logs and notes: the limits that decide how many connections a run can hold.</summary>
    public static string Describe(string name, int pid) =>
        $"{name} (pid {pid}): ulimit -n {Format(OpenFileLimit(pid))}, {OpenFiles(pid)} fds open, VmRSS {RssKb(pid) / 1024} MB";

    private static string Format(long limit) => limit == long.MaxValue ? "unlimited" : limit.ToString(CultureInfo.InvariantCulture);
}
