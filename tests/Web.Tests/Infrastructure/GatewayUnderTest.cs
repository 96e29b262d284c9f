using Auction.TestSupport;

namespace Auction.Web.Tests.Infrastructure;

/// <summary>
/// A real gateway process from the built dll (embedded: co-hosted silo, SQLite journal in a temp folder), in
/// Development on free loopback ports, with the publication minimums at 0 so a test's listing opens within seconds.
/// Anonymous limits are raised: every page of every test comes from the same loopback address.
/// </summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    private readonly ServiceProcess _process;
    private readonly string _data;

    private GatewayUnderTest(ServiceProcess process, string data, string baseUrl) => (_process, _data, BaseUrl) = (process, data, baseUrl);

    public string BaseUrl { get; }

    public string Output => _process.Output;

    public static async Task<GatewayUnderTest> StartAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var data = Directory.CreateTempSubdirectory("auction-web-").FullName;
        var baseUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        var environment = new Dictionary<string, string>
        {
            ["Auction__Urls"] = baseUrl,
            ["Auction__Storage__SqlitePath"] = Path.Combine(data, "auction.db"),
            ["Auction__Silo__SiloPort"] = FreePorts.Next().ToString(),
            ["Auction__Silo__GatewayPort"] = FreePorts.Next().ToString(),
            ["Auction__Rules__MinAnnouncementDays"] = "0",
            ["Auction__Rules__MinListingWorkingDays"] = "0",
            ["Auction__Rules__MinApplicationLeadHours"] = "0",
            ["Auction__Rules__MinDepositRatio"] = "0",
            ["Auction__Rules__ReserveDeadlineMinutes"] = "0",
            ["Auction__RateLimits__AnonymousPerSecond"] = "5000",
            ["Auction__RateLimits__AnonymousBurst"] = "5000",
            ["Auction__RateLimits__BidsPerSecond"] = "1000",
            ["Auction__RateLimits__BidBurst"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        var process = ServiceProcess.Start(name, ServiceProcess.BuiltDll("src/Gateway", "Auction.Gateway"), environment);
        try
        {
            await process.WaitHealthy($"{baseUrl}/health/ready", TimeSpan.FromSeconds(90));
        }
        catch
        {
            process.Dispose();
            throw;
        }
        return new GatewayUnderTest(process, data, baseUrl);
    }

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
