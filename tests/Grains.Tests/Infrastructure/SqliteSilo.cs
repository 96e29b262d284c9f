using Auction.Silo.Hosting;
using Auction.Silo.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Auction.Grains.Tests.Infrastructure;

/// <summary>
/// An in-process silo configured like the embedded default: the journal (and the generated key files beside it)
/// in a SQLite file, so a test can stop it and start another on the same data folder.
/// </summary>
public static class SqliteSilo
{
    public static async Task<InProcessTestCluster> Start(string databasePath, FakeTimeProvider time)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(new AuctionClock(time));
            silo.Services.Configure<ListingRuleSettings>(rules => (rules.MinAnnouncementDays, rules.MinListingWorkingDays) = (0, 0));
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Auction:Storage:Provider"] = "sqlite",
                ["Auction:Storage:SqlitePath"] = databasePath,
            }).Build();
            silo.AddAuctionSilo(configuration);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static async Task Stop(InProcessTestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}
