using System.Diagnostics;
using Auction.TestSupport;

namespace Auction.Cluster.Tests;

/// <summary>
/// The watchdog every <see cref="ServiceProcess"/> gets: a server started by a test host or the bench harness dies with
/// it, even when the starter crashes and never disposes it. Real processes stand in for both (<c>sleep</c>).
/// </summary>
public sealed class ServiceWatchdogTests
{
    [Fact]
    public async Task The_child_is_killed_within_seconds_of_its_parents_death_and_the_watchdog_ends()
    {
        using var parent = Sleeper();
        using var child = Sleeper();
        using var watchdog = ServiceProcess.KillWhenParentDies(parent.Id, child.Id);
        await Task.Delay(1500);
        Assert.False(child.HasExited, "the child lives while its parent does");

        parent.Kill();
        Assert.True(await Exits(child, TimeSpan.FromSeconds(10)), "the child outlived its parent by more than 10 s");
        Assert.True(await Exits(watchdog, TimeSpan.FromSeconds(5)), "the watchdog did not end after killing the child");
    }

    [Fact]
    public async Task The_watchdog_ends_by_itself_when_the_child_ends_first_and_never_touches_the_parent()
    {
        using var parent = Sleeper();
        using var child = Sleeper();
        using var watchdog = ServiceProcess.KillWhenParentDies(parent.Id, child.Id);

        child.Kill();
        Assert.True(await Exits(watchdog, TimeSpan.FromSeconds(5)), "the watchdog kept running after its child ended");
        Assert.False(parent.HasExited);
        parent.Kill();
    }

    [Fact]
    public void A_service_process_stops_its_watchdog_when_it_is_disposed()
    {
        var service = ServiceProcess.Start("b3-server", ServiceProcess.BuiltDll("bench", "Auction.Bench"),
            ["serve-b3", "--port", FreePorts.Next().ToString()], new Dictionary<string, string>());
        var watchdog = Assert.Single(Watchdogs(service.Pid!.Value));

        service.Dispose();
        // Gone when Dispose returns, not a second later when its own loop would notice the service's end.
        Assert.False(Directory.Exists($"/proc/{watchdog}"), "the watchdog outlived its disposed service");
    }

    private static Process Sleeper() => Process.Start(new ProcessStartInfo("sleep", ["120"]) { RedirectStandardOutput = true })!;

    private static async Task<bool> Exits(Process process, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The watchdog shells of this test host that watch <paramref name="child"/>.</summary>
    private static int[] Watchdogs(int child) =>
        [.. Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => Arguments(pid) is { } args && args.Contains("service-watchdog", StringComparison.Ordinal)
                          && args.EndsWith($"{Environment.ProcessId}\0{child}\0", StringComparison.Ordinal))];

    private static string? Arguments(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
