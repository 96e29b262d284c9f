using System.Diagnostics;

namespace Auction.Bench.Tests;

/// <summary>
/// The harness itself, not a timed test: <c>smoke</c> starts the embedded system (the built gateway as a
/// process), runs every benchmark once at smoke size, checks every acknowledgement against the stored log, and
/// writes its summary to a temp folder. Only the exit code and the summary are asserted, never a figure.
/// </summary>
public sealed class HarnessSmokeTests
{
    [Fact]
    public async Task Smoke_runs_every_embedded_benchmark_with_every_check_passing_and_writes_a_summary()
    {
        var output = Path.Combine(Path.GetTempPath(), "auction-bench-smoke");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var clock = Stopwatch.StartNew();

        var exitCode = await BenchProgram.Execute(["smoke"]);

        Assert.Equal(0, exitCode);
        var latest = Path.Combine(output, "latest.md");
        Assert.True(File.Exists(latest), $"no summary at {latest}");
        var summary = await File.ReadAllTextAsync(latest);
        foreach (var id in new[] { "B1", "B2", "S1", "S2", "S3", "S3R", "S4M", "S7", "S8", "S9" }) Assert.Contains($"| {id} |", summary);
        // About 60 s on a quiet machine; S7's 10 s countdown and S9's 10 s joining window are the rules' minimums.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(150), $"smoke took {clock.Elapsed}");
    }
}
