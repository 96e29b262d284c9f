using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Auction.Cluster.Tests.Infrastructure;
using Auction.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace Auction.Cluster.Tests;

/// <summary>
/// What only real processes show (issue 8, items 4 and 10): Kestrel's connection caps on a gateway process, and the
/// journal metrics of a cluster silo on the silo's own Prometheus endpoint.
/// </summary>
public sealed class ProcessLimitsAndMetricsTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("auction-limits-").FullName;
    private readonly List<ServiceProcess> _processes = [];

    [Fact]
    public async Task A_gateway_process_holds_at_most_MaxConnections_connections_and_MaxUpgradedConnections_websockets()
    {
        var baseUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        var gateway = ServiceProcess.Start("embedded-limits", ServiceProcess.BuiltDll("src/Gateway", "Auction.Gateway"), new Dictionary<string, string>
        {
            ["Auction__Urls"] = baseUrl,
            ["Auction__Silo__SiloPort"] = FreePorts.Next().ToString(),
            ["Auction__Silo__GatewayPort"] = FreePorts.Next().ToString(),
            ["Auction__Storage__SqlitePath"] = Path.Combine(_data, "auction.db"),
            ["Auction__Limits__MaxConnections"] = "3",
            ["Auction__Limits__MaxUpgradedConnections"] = "2",
        });
        _processes.Add(gateway);
        await gateway.WaitHealthy($"{baseUrl}/health/live", TimeSpan.FromSeconds(60));
        await Task.Delay(500); // the health probe's pooled connection is gone
        var endpoint = new Uri(baseUrl);

        // Three kept-alive connections are served; a fourth is closed without an answer; freeing one lets the next in.
        var held = new List<TcpClient>();
        for (var i = 0; i < 3; i++)
        {
            var client = await Connect(endpoint);
            held.Add(client);
            Assert.StartsWith("HTTP/1.1 200", await Request(client));
        }
        using (var fourth = await Connect(endpoint)) Assert.Null(await Request(fourth));
        held[0].Dispose();
        string? answer = null;
        for (var attempt = 0; attempt < 20 && answer is null; attempt++)
        {
            await Task.Delay(100);
            using var next = await Connect(endpoint);
            answer = await Request(next);
        }
        Assert.StartsWith("HTTP/1.1 200", answer);
        foreach (var client in held) client.Dispose();

        // WebSockets count against their own cap once upgraded: two are held, a third cannot connect.
        var hubs = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 3; i++) hubs.Add(new HubConnectionBuilder()
                .WithUrl($"{baseUrl}/hubs/listings", o => (o.Transports, o.SkipNegotiation) = (HttpTransportType.WebSockets, true)).Build());
            await hubs[0].StartAsync();
            await hubs[1].StartAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => hubs[2].StartAsync());
            Assert.Equal(HubConnectionState.Connected, hubs[0].State);
        }
        finally
        {
            foreach (var hub in hubs) await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_cluster_silo_serves_its_journal_metrics_and_the_gateway_its_bid_metrics()
    {
        await using var topology = await Topology.Start(silos: 1, gateways: 1);
        using var api = new HttpApi(topology.Gateways[0].BaseUrl);
        var centre = await api.Token("centre", "officer-1", "centre-metrics");
        var listingId = await api.Publish(centre, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(30));
        var bidder = await api.Token("bidder", "alpha");
        await api.Qualify(listingId, bidder);
        await api.WaitStatus(listingId, "open", TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.Created, (await api.BidUntilDefinitive(listingId, bidder, 1000m, "m-1", TimeSpan.FromSeconds(20))).Status);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var silo = await http.GetStringAsync(topology.SiloMetricsUrls[0]);
        Assert.Matches("""auction_journal_append_duration_seconds_count\{[^}]*stream="listing"[^}]*\} [1-9]""", silo);
        var gateway = await http.GetStringAsync($"{topology.Gateways[0].BaseUrl}/metrics");
        Assert.Matches("""auction_bids_accepted_total\{[^}]*channel="rest"[^}]*\} 1""", gateway);
        Assert.DoesNotMatch("auction_journal_append_duration_seconds_count", gateway); // the gateway appends nothing in a cluster
    }

    private static async Task<TcpClient> Connect(Uri endpoint)
    {
        var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port);
        return client;
    }

    /// <summary>One keep-alive request; the status line, or null when the server closed the connection instead.</summary>
    private static async Task<string?> Request(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return read == 0 ? null : Regex.Match(Encoding.ASCII.GetString(buffer, 0, read), "^[^\r\n]*").Value;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
