using Auction.Grains.Tests.Infrastructure;
using Auction.Silo.Journal;
using Auction.Silo.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Auction.Grains.Tests.Records;

/// <summary>Unsigned events are signed by a timer (<c>Auction:Checkpoints:EverySeconds</c>, here 1 s), not one store write per bid.</summary>
public sealed class CheckpointTimerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));
    private readonly InMemoryJournalStore _store = new();
    private InProcessTestCluster _cluster = null!;

    [Fact]
    public async Task Unsigned_events_are_signed_within_EverySeconds_and_bids_alone_write_no_checkpoint()
    {
        var listing = new ListingDriver(new FixtureView(_cluster, _time, _store), $"timer-{Guid.NewGuid():N}"[..20]);
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        listing.AdvanceTo(published.BiddingStartsAt);
        var bids = new List<long>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10; i++) bids.Add((await listing.Accepted("alpha", 1000m + 10m * i)).Seq);
        // Twelve events after the publication, EveryEvents = 1000: only the publication and the 1 s timer sign.
        var checkpoints = (await listing.StoredCheckpoints()).Count;
        Assert.True(checkpoints <= 2 + (int)clock.Elapsed.TotalSeconds, $"{checkpoints} checkpoints for 10 bids in {clock.Elapsed}");

        var signed = await listing.CheckpointAt(bids[^1]);
        Assert.Equal(((await listing.StoredEntries()).Count, (await listing.StoredEntries())[^1].Hash), ((int)signed.Seq, signed.HeadHash));
    }

    public async Task InitializeAsync() =>
        _cluster = await TestSilos.Start(_time, services =>
        {
            services.AddSingleton<IJournalStore>(_store);
            services.Configure<CheckpointSettings>(checkpoints => (checkpoints.EveryEvents, checkpoints.EverySeconds) = (1000, 1));
        });

    public Task DisposeAsync() => TestSilos.Stop(_cluster);
}
