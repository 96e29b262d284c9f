using Auction.TestSupport;

namespace Auction.Cluster.Tests.Infrastructure;

/// <summary>
/// The docker-compose topology as local processes on loopback: one redis-server (AOF, fsync always), silo
/// processes and gateway processes in cluster mode, all configured by environment variables only. Failure
/// detection is shortened so a killed silo is declared dead in seconds. Everything is killed on dispose.
/// </summary>
public sealed class Topology : IAsyncDisposable
{
    public const string BankSecret = "cluster-test-bank-secret";

    private readonly string _clusterId = $"test-{Guid.NewGuid():N}"[..20];
    private readonly List<ServiceProcess> _processes = [];

    private Topology(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    public List<(ServiceProcess Process, int SiloPort)> Silos { get; } = [];

    public List<(ServiceProcess Process, string BaseUrl)> Gateways { get; } = [];

    /// <summary>Each silo's own Prometheus endpoint (its journal metrics), in the order of <see cref="Silos"/>.</summary>
    public List<string> SiloMetricsUrls { get; } = [];

    public static async Task<Topology> Start(int silos, int gateways)
    {
        var topology = new Topology(await RedisServer.StartAsync());
        try
        {
            for (var i = 0; i < silos; i++) topology.StartSilo();
            for (var i = 0; i < gateways; i++) await topology.StartGateway();
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    public ServiceProcess StartSilo()
    {
        var siloPort = FreePorts.Next();
        var metricsPort = FreePorts.Next();
        var environment = new Dictionary<string, string>(Common)
        {
            ["Auction__Telemetry__SiloMetricsPort"] = metricsPort.ToString(),
            ["Auction__Cluster__SiloPort"] = siloPort.ToString(),
            ["Auction__Cluster__GatewayPort"] = FreePorts.Next().ToString(),
            ["Auction__Cluster__AdvertisedIp"] = "127.0.0.1",
            ["Auction__Cluster__Membership__ProbeTimeout"] = "00:00:01",
            ["Auction__Cluster__Membership__NumMissedProbesLimit"] = "2",
            ["Auction__Cluster__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Auction__Cluster__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Auction__Cluster__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
            ["Auction__Rules__MinAnnouncementDays"] = "0",
            ["Auction__Rules__MinListingWorkingDays"] = "0",
            ["Auction__Rules__MinApplicationLeadHours"] = "0",
            ["Auction__Rules__MinDepositRatio"] = "0",
        };
        var silo = Track(ServiceProcess.Start($"silo-{Silos.Count + 1}", ServiceProcess.BuiltDll("src/SiloHost", "Auction.SiloHost"), environment));
        Silos.Add((silo, siloPort));
        SiloMetricsUrls.Add($"http://localhost:{metricsPort}/metrics");
        return silo;
    }

    public async Task<string> StartGateway()
    {
        var baseUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        var environment = new Dictionary<string, string>(Common)
        {
            ["Auction__Urls"] = baseUrl,
            ["Auction__DevTokens"] = "true",
            ["Auction__Bank__Secret"] = BankSecret,
            ["Auction__Resilience__Calls__Budget"] = "00:00:05",
            ["Auction__RateLimits__BidsPerSecond"] = "1000",
            ["Auction__RateLimits__BidBurst"] = "1000",
            ["Auction__RateLimits__AnonymousPerSecond"] = "100000",
            ["Auction__RateLimits__AnonymousBurst"] = "100000",
        };
        var gateway = Track(ServiceProcess.Start($"gateway-{Gateways.Count + 1}", ServiceProcess.BuiltDll("src/Gateway", "Auction.Gateway"), environment));
        Gateways.Add((gateway, baseUrl));
        await gateway.WaitHealthy($"{baseUrl}/health/ready", TimeSpan.FromSeconds(60));
        return baseUrl;
    }

    public string Logs() => string.Join("\n", _processes.Select(p => p.Tail()));

    private Dictionary<string, string> Common => new()
    {
        ["Auction__Mode"] = "cluster",
        ["Auction__Cluster__Redis"] = $"127.0.0.1:{Redis.Port},abortConnect=false,connectTimeout=2000,syncTimeout=3000",
        ["Auction__Cluster__ClusterId"] = _clusterId,
        // Every silo of a cluster signs checkpoints and seals reserves with the same keys (a cluster refuses to start without them).
        ["Auction__Checkpoints__PrivateKeyPem"] = _checkpointKey,
        ["Auction__Sealing__Key"] = _sealingKey,
    };

    private readonly string _checkpointKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();
    private readonly string _sealingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private ServiceProcess Track(ServiceProcess process)
    {
        _processes.Add(process);
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes) process.Dispose();
        await Redis.DisposeAsync();
    }
}
