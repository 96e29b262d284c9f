using Auction.Silo.Journal;
using Auction.Silo.Records;
using Auction.Silo.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Auction.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process silo for the grain tests, with a fake auction clock (Orleans keeps its real clocks), a
/// journal store the tests can inspect, and the publication minimums lowered so listings can be short.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime, IEngineHost
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public InMemoryJournalStore Store { get; } = new();

    IJournalStore IEngineHost.Store => Store;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync() =>
        Cluster = await TestSilos.Start(Time, services =>
        {
            services.AddSingleton<IJournalStore>(Store);
            services.Configure<ListingRuleSettings>(rules => rules.ReserveDeadlineMinutes = 60);
            // Heads are signed every 5 events, so tests see it happen (the 60 s timer stays out of their way).
            services.Configure<CheckpointSettings>(checkpoints => checkpoints.EveryEvents = 5);
        });

    public Task DisposeAsync() => TestSilos.Stop(Cluster);
}

/// <summary>What a test driver needs of a running engine: grains, the fake auction clock, the journal store.</summary>
public interface IEngineHost
{
    IGrainFactory Grains { get; }
    FakeTimeProvider Time { get; }
    IJournalStore Store { get; }
}

/// <summary>An <see cref="IEngineHost"/> over a cluster a test starts itself.</summary>
public sealed record FixtureView(InProcessTestCluster Cluster, FakeTimeProvider Time, IJournalStore Store) : IEngineHost
{
    public IGrainFactory Grains => Cluster.Client;
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
