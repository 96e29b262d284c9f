using Auction.Contracts.Caps;
using Auction.Contracts.Listings;
using Auction.Grains.Tests.Infrastructure;
using Auction.Silo.Journal;
using Auction.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Auction.Grains.Tests.Durability;

/// <summary>
/// A lottery whose silo stops between the cap and the draw (the embedded default on its SQLite file): the secret
/// committed at publication survives the restart sealed in the journal (never in plain, never in a log line), and the
/// draw after the start happens by itself, at the joining deadline, with the secret that opens the published commitment.
/// </summary>
public sealed class LotteryRestartTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("auction-lottery-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));
    private readonly CapturedLogs _logs = new();

    private string DatabasePath => Path.Combine(_directory, "auction.db");

    [Fact]
    public async Task The_draw_after_a_restart_uses_the_secret_committed_at_publication()
    {
        string listingId, commitment;
        DateTimeOffset joinDeadline;
        var first = await StartSilo();
        try
        {
            var sale = new ListingDriver(new FixtureView(first, _time, new SqliteJournalStore(DatabasePath)), $"lottery-{Guid.NewGuid():N}"[..24]);
            listingId = sale.Id;
            var published = await sale.Publish(sale.AuctionDefinition(countdownSeconds: 600) with { PriceCap = ListingDriver.Cap(CapMode.Lottery) });
            commitment = published.PriceCap!.LotteryCommitment!;
            foreach (var bidder in new[] { "alpha", "beta", "gamma" }) await sale.Qualify(bidder);
            sale.AdvanceTo(published.BiddingStartsAt);
            var capQuote = await sale.Accepted("alpha", 1100m);
            (await sale.JoinLottery("gamma")).Expect();
            joinDeadline = capQuote.AcceptedAt.AddSeconds(300);
            var stored = (await sale.StoredEntries()).Single(e => e.Type == "published");
            Assert.Contains("\"sealedLotterySecret\":{\"keyId\":", stored.Data, StringComparison.Ordinal);
            Assert.DoesNotContain("\"lotterySecret\"", stored.Data, StringComparison.Ordinal);
        }
        finally
        {
            await TestSilos.Stop(first);
        }

        // Down past the joining deadline; nobody asks for the listing after the start.
        _time.Advance(TimeSpan.FromMinutes(30));
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
            Assert.Equal(["lotteryDrawn", "closed"], entries.TakeLast(2).Select(e => e.Type));

            var lottery = (await second.Client.GetGrain<IPriceCapGrain>(listingId).GetLottery()).Expect();
            Assert.Equal(["001", "003"], lottery.Entrants);
            Assert.Equal(joinDeadline, lottery.DrawnAt);
            Assert.True(IndependentLotteryDraw.SecretOpensCommitment(lottery.Secret!, commitment));
            Assert.Equal(IndependentLotteryDraw.Winner(listingId, lottery.Entrants!, lottery.Secret!), lottery.WinnerBidderNo);
            var listing = second.Client.GetGrain<IListingGrain>(listingId);
            var result = (await listing.GetResult()).Expect();
            Assert.Equal((lottery.WinnerBidderNo, 1100m, DealMethod.CapThenLottery), (result.WinnerBidderNo, result.Price!.Value, result.DealMethod!.Value));
            Assert.True((await listing.VerifyRecord()).Expect().Valid);
            Assert.NotEmpty(_logs.Lines);
            Assert.DoesNotContain(_logs.Lines, line => line.Contains(lottery.Secret!, StringComparison.Ordinal));
        }
        finally
        {
            await TestSilos.Stop(second);
        }
    }

    private Task<InProcessTestCluster> StartSilo() =>
        TestSilos.StartOnSqlite(DatabasePath, _time, services => services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug)));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Every log line of the silos, with its exception text.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) return _lines.ToArray(); }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(CapturedLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (logs._lines) logs._lines.Add($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
