using Auction.Silo.Hosting;
using Auction.Silo.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Auction.Grains.Tests.Infrastructure;

/// <summary>
/// In-process silos for the grain tests: the fake auction clock (Orleans keeps its real clocks), the publication
/// minimums lowered so listings can be short, and whatever a test adds (a shared store, settings).
/// </summary>
public static class TestSilos
{
    public static async Task<InProcessTestCluster> Start(FakeTimeProvider time, Action<IServiceCollection>? services = null, IConfiguration? configuration = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(new AuctionClock(time));
            silo.Services.Configure<ListingRuleSettings>(rules =>
                (rules.MinAnnouncementDays, rules.MinListingWorkingDays, rules.MinApplicationLeadHours, rules.MinDepositRatio) = (0, 0, 0, 0m));
            services?.Invoke(silo.Services);
            silo.AddAuctionSilo(configuration);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// A silo configured like the embedded default: the journal (and the generated key files beside it) in a SQLite
    /// file, so a test can stop it and start another on the same data folder.
    /// </summary>
    public static Task<InProcessTestCluster> StartOnSqlite(string databasePath, FakeTimeProvider time, Action<IServiceCollection>? services = null) =>
        Start(time, services, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auction:Storage:Provider"] = "sqlite",
            ["Auction:Storage:SqlitePath"] = databasePath,
        }).Build());

    public static async Task Stop(InProcessTestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}
