using Auction.Contracts.Listings;
using Auction.Grains.Tests.Infrastructure;
using Auction.Silo.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Auction.Grains.Tests.Durability;

/// <summary>
/// A tender on the embedded default's SQLite file (R-TEN-02/03): before the opening no byte of the data folder holds a
/// tendered amount, and a tender whose opening passed while the silo was down opens by itself after the start, at the
/// deadline's time, with every tender and a record that verifies both chains.
/// </summary>
public sealed class TenderRestartTests : IAsyncLifetime
{
    private static readonly decimal[] Amounts = [4_172_839.46m, 4_283_940.57m, 4_061_728.35m];
    private readonly string _root = Directory.CreateTempSubdirectory("auction-tender-restart-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));

    private string DataFolder => Path.Combine(_root, "data");
    private string DatabasePath => Path.Combine(DataFolder, "auction.db");

    [Fact]
    public async Task Sealed_tenders_are_not_in_the_store_in_clear_and_the_box_opens_on_time_after_a_restart()
    {
        string listingId;
        DateTimeOffset opening;
        var first = await StartSilo();
        try
        {
            var tender = new ListingDriver(new FixtureView(first, _time, new SqliteJournalStore(DatabasePath)), $"tender-{Guid.NewGuid():N}"[..20]);
            listingId = tender.Id;
            var published = await tender.Publish(tender.TenderDefinition());
            opening = published.BiddingEndsAt!.Value;
            foreach (var bidder in new[] { "alpha", "beta", "gamma" }) await tender.Qualify(bidder);
            tender.AdvanceTo(published.BiddingStartsAt);
            foreach (var (bidder, amount) in new[] { "alpha", "beta", "gamma" }.Zip(Amounts)) await tender.Tendered(bidder, amount);
        }
        finally
        {
            await TestSilos.Stop(first);
        }

        // Someone who reads the journal store's files before the opening finds no amount in any formatting.
        SqliteConnection.ClearAllPools();
        StoredBytes.AssertNoneOf(DataFolder, Amounts);

        // Down past the opening; nobody asks for the tender after the start.
        _time.Advance(TimeSpan.FromHours(5));
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
            Assert.Equal(["tendersOpened", "closed"], entries.TakeLast(2).Select(e => e.Type));
            var box = await store.ReadAsync($"box/{listingId}/tenders", 0);
            Assert.Equal((4, "opened", opening), (box.Count, box[^1].Type, box[^1].At));

            var tender = second.Client.GetGrain<IListingGrain>(listingId);
            var result = (await tender.GetResult()).Expect();
            Assert.Equal((CloseOutcome.Sold, "002", Amounts[1], opening, DealMethod.TenderHighestPrice), (result.Outcome, result.WinnerBidderNo, result.Price!.Value, result.ClosedAt, result.DealMethod!.Value));
            var opened = (await tender.GetEvents(0, 100)).Expect().Single(e => e.Type == "tendersOpened");
            Assert.Equal(Amounts, opened.Tenders!.Select(t => t.Amount));
            Assert.True((await tender.VerifyRecord()).Expect().Valid);
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
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
