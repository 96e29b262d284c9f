using Auction.Contracts.Listings;
using Auction.Grains.Tests.Infrastructure;
using Auction.Silo.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Auction.Grains.Tests.Durability;

/// <summary>
/// The embedded default on its SQLite file: a silo stopped and started again keeps every listing, application
/// and bid, and a listing whose deadline passed while it was down closes by itself after the start, at the
/// deadline's time.
/// </summary>
public sealed class RestartTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("auction-restart-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));

    private string DatabasePath => Path.Combine(_directory, "auction.db");

    [Fact]
    public async Task A_restarted_silo_keeps_state_and_closes_a_listing_whose_deadline_passed_while_it_was_down()
    {
        ListingSnapshot before;
        string listingId;
        var first = await StartSilo();
        try
        {
            var listing = new ListingDriver(new FixtureView(first, _time, new SqliteJournalStore(DatabasePath)), $"restart-{Guid.NewGuid():N}");
            listingId = listing.Id;
            var published = await listing.Publish(listing.Definition(timed: TimedBiddingTerms.None));
            await listing.Qualify("alpha");
            var beta = await listing.Qualify("beta");
            listing.AdvanceTo(published.BiddingStartsAt);
            await listing.Accepted("alpha", 1000m);
            await listing.Accepted("beta", 1010m);
            before = await listing.Snapshot();
            Assert.Equal(beta, before.LeadingBidderNo);
        }
        finally
        {
            await TestSilos.Stop(first);
        }

        // Down past the listing deadline; nobody asks for the listing after the start.
        _time.Advance(TimeSpan.FromHours(3));
        var second = await StartSilo();
        try
        {
            var store = new SqliteJournalStore(DatabasePath);
            IReadOnlyList<JournalEntry> entries = [];
            for (var i = 0; i < 100 && entries.All(e => e.Type != "closed"); i++)
            {
                await Task.Delay(100);
                entries = await store.ReadAsync($"listing/{listingId}", 0);
            }
            var closed = entries.Single(e => e.Type == "closed");
            Assert.Contains($"\"closedAt\":\"{before.BiddingEndsAt:yyyy-MM-ddTHH:mm:ss}", closed.Data, StringComparison.Ordinal);

            var listing = second.Client.GetGrain<IListingGrain>(listingId);
            var result = (await listing.GetResult()).Expect();
            Assert.Equal((CloseOutcome.Sold, before.LeadingBidderNo, 1010m, before.BiddingEndsAt!.Value), (result.Outcome, result.WinnerBidderNo, result.Price, result.ClosedAt));
            Assert.Equal(2, (await listing.GetBids(0, 100)).Expect().Count);
            Assert.True((await listing.VerifyRecord()).Expect().Valid);
            Assert.Equal(2, (await second.Client.GetGrain<Auction.Contracts.Registration.IListingRegistrationGrain>(listingId).GetApplications()).Count);
        }
        finally
        {
            await TestSilos.Stop(second);
        }
    }

    private Task<InProcessTestCluster> StartSilo() => TestSilos.StartOnSqlite(DatabasePath, _time);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
