using System.Diagnostics;
using Auction.TestSupport;

namespace Auction.Cluster.Tests;

/// <summary>
/// The silo's container health probe (issue 15): <c>Auction.SiloHost.dll --health-check &lt;url&gt;</c> against the
/// silo's own endpoint (<c>Auction:Health:Port</c>) exits 0 once the silo is active and its store answers, and 1 while
/// the store is away, saying why; the same probe the silo image's HEALTHCHECK runs.
/// </summary>
public sealed class SiloHealthTests
{
    [Fact]
    public async Task The_silo_health_check_is_ready_when_the_silo_is_active_and_not_ready_without_its_store()
    {
        await using var redis = await RedisServer.StartAsync();
        var healthPort = FreePorts.Next();
        var url = $"http://127.0.0.1:{healthPort}/health/ready";
        using var silo = ServiceProcess.Start("silo", ServiceProcess.BuiltDll("src/SiloHost", "Auction.SiloHost"), new Dictionary<string, string>
        {
            ["Auction__Cluster__Redis"] = redis.Configuration,
            ["Auction__Cluster__ClusterId"] = $"health-{Guid.NewGuid():N}"[..20],
            ["Auction__Cluster__SiloPort"] = FreePorts.Next().ToString(),
            ["Auction__Cluster__GatewayPort"] = FreePorts.Next().ToString(),
            ["Auction__Checkpoints__PrivateKeyPem"] = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
            ["Auction__Sealing__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Auction__Health__Port"] = healthPort.ToString(),
        });

        var ready = await ProbeUntil(url, 0, TimeSpan.FromSeconds(60), silo);
        Assert.Contains("200 {\"status\":\"ready\",\"silo\":\"Active\",\"store\":\"ok\"}", ready);
        var live = await Probe($"http://127.0.0.1:{healthPort}/health/live");
        Assert.Equal(0, live.Exit);

        redis.Kill();
        var notReady = await ProbeUntil(url, 1, TimeSpan.FromSeconds(30), silo);
        Assert.Contains("503 {\"status\":\"not ready\",\"silo\":\"Active\",\"store\":", notReady);

        Assert.Equal(1, (await Probe($"http://127.0.0.1:{FreePorts.Next()}/health/ready")).Exit); // nothing listening
    }

    private static async Task<string> ProbeUntil(string url, int exit, TimeSpan timeout, ServiceProcess silo)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var probe = await Probe(url);
            if (probe.Exit == exit) return probe.Output;
            if (silo.HasExited || DateTime.UtcNow > until)
                throw new TimeoutException($"the probe did not exit {exit} within {timeout}; last: {probe.Exit} {probe.Output}\n{silo.Tail()}");
            await Task.Delay(500);
        }
    }

    private static async Task<(int Exit, string Output)> Probe(string url)
    {
        var dll = ServiceProcess.BuiltDll("src/SiloHost", "Auction.SiloHost");
        var start = new ProcessStartInfo("dotnet", [dll, "--health-check", url]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output + await error).Trim());
    }
}
