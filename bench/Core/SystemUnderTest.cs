using Auction.Silo.Journal;
using Auction.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Auction.Bench.Core;

/// <summary>
/// The system as it really runs, started as processes pinned to the server core(s): embedded (one gateway
/// process, SQLite file) or cluster (redis-server with fsync always, two silos, one gateway). The harness talks
/// to it as an Orleans client (engine scenarios), over HTTP and SignalR (live scenarios), and reads the same
/// journal store directly (baseline B1 and the final correctness check).
/// </summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    public const string BankSecret = "bench-bank-secret";

    private readonly List<ServiceProcess> _processes = [];
    private readonly Dictionary<string, Dictionary<string, string>> _siloEnvironments = [];
    private readonly string _data = Directory.CreateTempSubdirectory("auction-bench-").FullName;
    private IHost? _client;
    private IConnectionMultiplexer? _redis;

    private SystemUnderTest(BenchMode mode, string serverCpus) => (Mode, ServerCpus) = (mode, serverCpus);

    public BenchMode Mode { get; }
    public string ServerCpus { get; }
    public string GatewayUrl { get; private set; } = "";
    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();
    public IJournalStore Store { get; private set; } = null!;
    public RedisServer? Redis { get; private set; }
    public IReadOnlyList<ServiceProcess> Silos => _processes.Where(p => p.Name.StartsWith("silo", StringComparison.Ordinal)).ToArray();
    public ServiceProcess Gateway => _processes.Single(p => p.Name.StartsWith("gateway", StringComparison.Ordinal));

    /// <summary>The .NET server processes (gateway and silos): what a bid costs CPU in.</summary>
    public IReadOnlyList<ServiceProcess> Servers => [Gateway, .. Silos];

    public static async Task<SystemUnderTest> Start(BenchMode mode, string serverCpus)
    {
        var system = new SystemUnderTest(mode, serverCpus);
        try
        {
            if (mode == BenchMode.Embedded) await system.StartEmbedded();
            else await system.StartCluster();
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    private static Dictionary<string, string> Common => new()
    {
        ["Auction__Rules__MinAnnouncementDays"] = "0",
        ["Auction__Rules__MinListingWorkingDays"] = "0",
        ["Auction__Rules__MinApplicationLeadHours"] = "0",
        ["Auction__Rules__MinDepositRatio"] = "0",
        ["Auction__RateLimits__BidsPerSecond"] = "100000",
        ["Auction__RateLimits__BidBurst"] = "100000",
        // The generator is one client address opening thousands of anonymous watchers (S4, S5), and S5 measures how
        // many connections one process can hold: the per-address limit and the connection caps would measure themselves.
        ["Auction__RateLimits__AnonymousPerSecond"] = "1000000",
        ["Auction__RateLimits__AnonymousBurst"] = "1000000",
        ["Auction__Limits__MaxConnections"] = "1000000",
        ["Auction__Limits__MaxUpgradedConnections"] = "1000000",
        ["Auction__DevTokens"] = "true",
        ["Auction__Bank__Secret"] = BankSecret,
        // A cluster's silos share these keys (and refuse to start without them); the embedded gateway may use them too.
        ["Auction__Checkpoints__PrivateKeyPem"] = CheckpointKey,
        ["Auction__Sealing__Key"] = SealingKey,
    };

    private static readonly string CheckpointKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();
    private static readonly string SealingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private async Task StartEmbedded()
    {
        var gatewayPort = FreePorts.Next();
        GatewayUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        var database = Path.Combine(_data, "auction.db");
        var environment = new Dictionary<string, string>(Common)
        {
            ["Auction__Urls"] = GatewayUrl,
            ["Auction__Silo__SiloPort"] = FreePorts.Next().ToString(),
            ["Auction__Silo__GatewayPort"] = gatewayPort.ToString(),
            ["Auction__Storage__SqlitePath"] = database,
        };
        var gateway = Track(ServiceProcess.Start("gateway", ServiceProcess.BuiltDll("src/Gateway", "Auction.Gateway"), environment, ServerCpus));
        await gateway.WaitHealthy($"{GatewayUrl}/health/ready", TimeSpan.FromSeconds(60));
        Store = new SqliteJournalStore(database);
        _client = await StartClient(client => client.UseLocalhostClustering(gatewayPort));
    }

    private async Task StartCluster()
    {
        Redis = await RedisServer.StartAsync(ServerCpus);
        var clusterId = $"bench-{Guid.NewGuid():N}"[..16];
        var cluster = new Dictionary<string, string>(Common)
        {
            ["Auction__Mode"] = "cluster",
            ["Auction__Cluster__Redis"] = $"127.0.0.1:{Redis.Port},abortConnect=false,syncTimeout=5000",
            ["Auction__Cluster__ClusterId"] = clusterId,
            ["Auction__Cluster__Membership__ProbeTimeout"] = "00:00:01",
            ["Auction__Cluster__Membership__NumMissedProbesLimit"] = "2",
            ["Auction__Cluster__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Auction__Cluster__Membership__TableRefreshTimeout"] = "00:00:02",
        };
        for (var i = 1; i <= 2; i++)
        {
            var silo = new Dictionary<string, string>(cluster)
            {
                ["Auction__Cluster__SiloPort"] = FreePorts.Next().ToString(),
                ["Auction__Cluster__GatewayPort"] = FreePorts.Next().ToString(),
                ["Auction__Cluster__AdvertisedIp"] = "127.0.0.1",
            };
            _siloEnvironments[$"silo-{i}"] = silo;
            Track(ServiceProcess.Start($"silo-{i}", ServiceProcess.BuiltDll("src/SiloHost", "Auction.SiloHost"), silo, ServerCpus));
        }
        GatewayUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        var gateway = Track(ServiceProcess.Start("gateway", ServiceProcess.BuiltDll("src/Gateway", "Auction.Gateway"),
            new Dictionary<string, string>(cluster) { ["Auction__Urls"] = GatewayUrl }, ServerCpus));
        await gateway.WaitHealthy($"{GatewayUrl}/health/ready", TimeSpan.FromSeconds(90));
        _redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Redis.Port},abortConnect=false");
        Store = new RedisJournalStore(_redis);
        var options = ConfigurationOptions.Parse($"127.0.0.1:{Redis.Port},abortConnect=false");
        _client = await StartClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "land-auction"))
            .UseRedisClustering(o => o.ConfigurationOptions = options));
    }

    /// <summary>
    /// Starts silo <paramref name="index"/> again (after a <c>kill -9</c>, S6) with its settings and ports, and waits
    /// until the cluster counts every silo active again, so the next run measures the same topology.
    /// </summary>
    public async Task RestartSilo(int index, TimeSpan timeout)
    {
        var old = Silos[index];
        old.Kill();
        var started = ServiceProcess.Start(old.Name, ServiceProcess.BuiltDll("src/SiloHost", "Auction.SiloHost"), _siloEnvironments[old.Name], ServerCpus);
        _processes[_processes.IndexOf(old)] = started;
        old.Dispose();
        var management = Client.GetGrain<IManagementGrain>(0);
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (started.HasExited) throw new InvalidOperationException($"{started.Name} exited while restarting.\n{started.Tail()}");
            try
            {
                var active = await management.GetHosts(onlyActive: true);
                if (active.Count == _siloEnvironments.Count) return;
            }
            catch (Exception) when (DateTime.UtcNow < until)
            {
            }
            if (DateTime.UtcNow >= until) throw new TimeoutException($"{started.Name} did not rejoin within {timeout}.\n{started.Tail()}");
            await Task.Delay(250);
        }
    }

    private static async Task<IHost> StartClient(Action<IClientBuilder> configure)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleansClient(configure)
            .Build();
        await host.StartAsync();
        return host;
    }

    private ServiceProcess Track(ServiceProcess process)
    {
        _processes.Add(process);
        return process;
    }

    public string Logs() => string.Join('\n', _processes.Select(p => p.Tail()));

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                await _client.StopAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
            }
            _client.Dispose();
        }
        foreach (var process in _processes) process.Dispose();
        _redis?.Dispose();
        if (Redis is not null) await Redis.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
