using System.Diagnostics;
using Auction.TestSupport;

namespace Auction.Cluster.Tests;

/// <summary>
/// A cluster silo outside Development refuses to start without its keys (issue 8 items 3 and 5): every silo must
/// sign checkpoints and seal reserves with the same keys, so none is generated; the message names the setting.
/// </summary>
public sealed class KeyRequirementTests
{
    [Fact]
    public async Task A_production_cluster_silo_without_a_checkpoint_key_or_a_sealing_key_refuses_to_start_naming_the_setting()
    {
        var withoutAny = await RunSilo(new Dictionary<string, string>());
        Assert.True(withoutAny.Exit == 1, withoutAny.Output);
        Assert.Contains("The silo refuses to start: Auction:Checkpoints:PrivateKeyPem or Auction:Checkpoints:PrivateKeyPath must be set in cluster mode outside Development", withoutAny.Output);

        var withoutSealing = await RunSilo(new Dictionary<string, string>
        {
            ["Auction__Checkpoints__PrivateKeyPem"] = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
        });
        Assert.True(withoutSealing.Exit == 1, withoutSealing.Output);
        Assert.Contains("Auction:Sealing:Key or Auction:Sealing:KeyPath must be set in cluster mode outside Development", withoutSealing.Output);
    }

    private static async Task<(int Exit, string Output)> RunSilo(Dictionary<string, string> keys)
    {
        var dll = ServiceProcess.BuiltDll("src/SiloHost", "Auction.SiloHost");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var variable in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" }) start.Environment.Remove(variable);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Auction__Cluster__Redis"] = $"127.0.0.1:{FreePorts.Next()},abortConnect=false,connectTimeout=500";
        start.Environment["Auction__Cluster__SiloPort"] = FreePorts.Next().ToString();
        start.Environment["Auction__Cluster__GatewayPort"] = FreePorts.Next().ToString();
        foreach (var (key, value) in keys) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the silo did not refuse to start within 60 s:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
