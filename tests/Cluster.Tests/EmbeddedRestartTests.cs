using System.Net;
using Auction.Cluster.Tests.Infrastructure;
using Auction.Silo.Journal;
using Auction.TestSupport;
using Microsoft.Data.Sqlite;

namespace Auction.Cluster.Tests;

/// <summary>
/// The embedded default as a real process on its SQLite file: killed with -9 and started again, it keeps every
/// listing, application and bid, and an open listing still closes at its deadline without anyone asking.
/// </summary>
public sealed class EmbeddedRestartTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("auction-embedded-").FullName;
    private readonly List<ServiceProcess> _processes = [];

    [Fact]
    public async Task Kill_9_and_restart_keep_state_and_the_listing_closes_on_time()
    {
        var baseUrl = await StartEmbedded();
        using var api = new HttpApi(baseUrl);
        var centre = await api.Token("centre", "officer-1", "centre-embedded");
        var listingId = await api.Publish(centre, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
        var bidders = new[] { await api.Token("bidder", "alpha"), await api.Token("bidder", "beta") };
        foreach (var bidder in bidders) await api.Qualify(listingId, bidder);
        await api.WaitStatus(listingId, "open", TimeSpan.FromSeconds(20));
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.Created, (await api.BidUntilDefinitive(listingId, bidders[i % 2], 1000m + 10m * i, $"r-{i}", TimeSpan.FromSeconds(20))).Status);
        var before = await api.Get($"/api/listings/{listingId}");

        _processes[0].Kill();
        var restarted = await StartEmbedded(reusePortsOf: baseUrl);
        using var again = new HttpApi(restarted);
        var after = await again.Get($"/api/listings/{listingId}");
        foreach (var field in new[] { "seq", "bidCount", "currentPrice", "leadingBidderNo", "biddingEndsAt", "status" })
            Assert.Equal(before.GetProperty(field).ToString(), after.GetProperty(field).ToString());

        // Nobody asks until the deadline has passed: the listing's own timer must close it, at the deadline.
        var deadline = after.GetProperty("biddingEndsAt").GetDateTimeOffset();
        var store = new SqliteJournalStore(Path.Combine(_data, "auction.db"));
        JournalEntry? closed = null;
        for (var i = 0; i < 150 && closed is null; i++)
        {
            await Task.Delay(200);
            closed = (await store.ReadAsync($"listing/{listingId}", 0)).FirstOrDefault(e => e.Type == "closed");
        }
        Assert.NotNull(closed);
        Assert.Contains($"\"closedAt\":\"{deadline.UtcDateTime:yyyy-MM-ddTHH:mm:ss}", closed.Data, StringComparison.Ordinal);

        var result = await again.Get($"/api/listings/{listingId}/result");
        Assert.Equal(("sold", 1050m), (result.GetProperty("outcome").GetString(), result.GetProperty("price").GetDecimal()));
    }

    private async Task<string> StartEmbedded(string? reusePortsOf = null)
    {
        var baseUrl = reusePortsOf ?? $"http://127.0.0.1:{FreePorts.Next()}";
        var environment = new Dictionary<string, string>
        {
            ["Auction__Urls"] = baseUrl,
            ["Auction__Silo__SiloPort"] = (_siloPort ??= FreePorts.Next()).ToString(),
            ["Auction__Silo__GatewayPort"] = (_gatewayPort ??= FreePorts.Next()).ToString(),
            ["Auction__Storage__SqlitePath"] = Path.Combine(_data, "auction.db"),
            ["Auction__Rules__MinAnnouncementDays"] = "0",
            ["Auction__Rules__MinListingWorkingDays"] = "0",
            ["Auction__Rules__MinApplicationLeadHours"] = "0",
            ["Auction__Rules__MinDepositRatio"] = "0",
            ["Auction__Bank__Secret"] = Topology.BankSecret,
            ["Auction__RateLimits__AnonymousPerSecond"] = "100000",
            ["Auction__RateLimits__AnonymousBurst"] = "100000",
        };
        var process = ServiceProcess.Start($"embedded-{_processes.Count + 1}", ServiceProcess.BuiltDll("src/Gateway", "Auction.Gateway"), environment);
        _processes.Add(process);
        await process.WaitHealthy($"{baseUrl}/health/ready", TimeSpan.FromSeconds(60));
        return baseUrl;
    }

    private int? _siloPort;
    private int? _gatewayPort;

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
