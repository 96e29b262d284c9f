using System.Net;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Live;
using Auction.Silo.Records;
using Auction.Silo.Sealing;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using Auction.Silo.Rules.Grades;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Auction.Silo.Hosting;

/// <summary>Settings under <c>Auction:Cluster</c> for the cluster mode (Redis membership, reminders, journal).</summary>
public sealed class ClusterSettings
{
    /// <summary>StackExchange.Redis configuration string of the one durable Redis primary.</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";
    public string ClusterId { get; set; } = "auction";
    public string ServiceId { get; set; } = "land-auction";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and gateways reach this silo at; <c>auto</c> takes this host's own IPv4
    /// address (a container's address under compose).
    /// </summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    public IPAddress AdvertisedAddress() =>
        AdvertisedIp == "auto"
            ? Dns.GetHostAddresses(Dns.GetHostName()).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            : IPAddress.Parse(AdvertisedIp);

    public static ClusterSettings From(IConfiguration? configuration) =>
        configuration?.GetSection("Auction:Cluster").Get<ClusterSettings>() ?? new ClusterSettings();

    public ConfigurationOptions RedisOptions()
    {
        var options = ConfigurationOptions.Parse(Redis);
        options.AbortOnConnectFail = false;
        // Socket I/O on the process's thread pool, not the client's own dedicated threads: handing every command
        // to those threads (Monitor.Pulse per flush) was a fifth of a silo's CPU in S3 (bench/results/*-S3-cpu.md).
        options.SocketManager = SocketManager.ThreadPool;
        return options;
    }
}

/// <summary>The one way every host (embedded gateway, standalone silo, tests) adds the auction engine.</summary>
public static class AuctionSiloExtensions
{
    /// <summary>True when <c>Auction:Mode</c> is <c>cluster</c>: silos and gateways are separate processes sharing Redis.</summary>
    public static bool IsClusterMode(this IConfiguration? configuration) =>
        string.Equals(configuration?["Auction:Mode"], "cluster", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registers the engine's services. Anything already registered wins (tests put in a fake clock or a
    /// shared store first). Rule settings bind from <c>Auction:Rules</c> when a configuration is given.
    /// </summary>
    public static IServiceCollection AddAuctionEngine(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var rules = services.AddOptions<ListingRuleSettings>();
        if (configuration is not null) rules.Bind(configuration.GetSection("Auction:Rules"));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ListingRuleSettings>>().Value);
        services.TryAddSingleton(_ => WorkingDayCalendar.China);
        services.TryAddSingleton(_ => CountyGradeTable.Shipped);
        services.TryAddSingleton<PublicationRules>();
        services.TryAddSingleton<ListingEngine>();
        services.TryAddSingleton(_ => new AuctionClock(TimeProvider.System));
        services.TryAddSingleton<IJournalStore, InMemoryJournalStore>();
        services.TryAddSingleton(configuration?.GetSection("Auction:Resilience:Store").Get<StoreResilienceSettings>() ?? new StoreResilienceSettings());
        services.TryAddSingleton(JournalChaos.Never);
        services.TryAddSingleton<ResilientJournal>();
        services.TryAddSingleton<IListingEventSink, NoListingEventSink>();
        services.TryAddSingleton(configuration?.GetSection(CountdownWarningSettings.Section).Get<CountdownWarningSettings>() ?? new CountdownWarningSettings());

        // Keys: the checkpoint signer and the sealer (Auction:Checkpoints, Auction:Sealing; see KeyMaterial).
        var checkpoints = services.AddOptions<CheckpointSettings>();
        if (configuration is not null) checkpoints.Bind(configuration.GetSection(CheckpointSettings.Section));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<CheckpointSettings>>().Value);
        services.TryAddSingleton(sp => CheckpointSigner.FromConfiguration(configuration, sp.GetService<IHostEnvironment>(), KeyLogger(sp)));
        services.TryAddSingleton(sp => Sealer.FromConfiguration(configuration, sp.GetService<IHostEnvironment>(), KeyLogger(sp)));
        return services;
    }

    private static ILogger KeyLogger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("Auction.Keys") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>
    /// The silo side. Embedded (the default): the journal store from <c>Auction:Storage:Provider</c> —
    /// <c>sqlite</c> (<c>Auction:Storage:SqlitePath</c>, default <c>./data/auction.db</c>) or <c>memory</c> —,
    /// reminders in memory, clustering left to the host. Cluster (<c>Auction:Mode=cluster</c>): Redis for
    /// membership, reminders and the journal, and live events fanned out to every gateway through Orleans.
    /// Either way open listings are woken after a start.
    /// </summary>
    public static ISiloBuilder AddAuctionSilo(this ISiloBuilder silo, IConfiguration? configuration = null)
    {
        if (configuration.IsClusterMode()) UseRedisCluster(silo, configuration!);
        else AddEmbeddedStorage(silo, configuration);
        silo.Services.AddAuctionEngine(configuration);
        if (Observability.AuctionTelemetry.TracesEnabled(configuration)) silo.AddActivityPropagation();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, KeyMaterialCheck>();
        silo.Services.AddSingleton<ListingRecovery>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ListingRecovery>());
        return silo;
    }

    private static void AddEmbeddedStorage(ISiloBuilder silo, IConfiguration? configuration)
    {
        var storage = configuration?.GetSection("Auction:Storage");
        if (string.Equals(storage?["Provider"], "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var path = storage?["SqlitePath"] is { Length: > 0 } configured ? configured : Path.Combine("data", "auction.db");
            silo.Services.TryAddSingleton<IJournalStore>(_ => new SqliteJournalStore(path));
        }
        silo.UseInMemoryReminderService();
    }

    private static void UseRedisCluster(ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = ClusterSettings.From(configuration);
        // Failure detection can be tuned per deployment (the cluster tests shorten it): Auction:Cluster:Membership.
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection("Auction:Cluster:Membership"));
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
        silo.ConfigureEndpoints(cluster.AdvertisedAddress(), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
        silo.UseRedisClustering(o => o.ConfigurationOptions = cluster.RedisOptions());
        silo.UseRedisReminderService(o => o.ConfigurationOptions = cluster.RedisOptions());
        silo.Services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(cluster.RedisOptions()));
        silo.Services.TryAddSingleton<IJournalStore>(sp => new RedisJournalStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        silo.Services.AddSingleton<ObserverFanoutSink>();
        silo.Services.TryAddSingleton<IListingEventSink>(sp => sp.GetRequiredService<ObserverFanoutSink>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ObserverFanoutSink>());
    }
}
