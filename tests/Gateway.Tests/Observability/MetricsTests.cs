using System.Net;
using System.Text.RegularExpressions;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Gateway.Tests.Observability;

/// <summary>
/// OpenTelemetry metrics on the Prometheus endpoint (issue 8, item 10; docs/observability.md): after bids, <c>/metrics</c>
/// shows the bid counters (rejections by code), the bid latency, the live watchers and the journal append latency.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MetricsTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task After_bids_metrics_shows_the_bid_counters_latencies_watchers_and_journal_appends()
    {
        var listing = await _api.Publish(await _api.Centre());
        var alpha = await _api.Bidder("alpha");
        var beta = await _api.Bidder("beta");
        await _api.Qualify(alpha, listing.Id);
        await _api.Qualify(beta, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        await using var hub = _api.Hub(beta.Token);
        await hub.StartAsync();
        await hub.InvokeAsync<System.Text.Json.JsonElement>("Watch", listing.Id, 0L);

        await _api.Accepted(alpha, listing.Id, 1000m);
        await ApiDriver.ExpectProblem(await _api.Bid(alpha, listing.Id, 1001m), HttpStatusCode.Conflict, "BID_TOO_LOW");
        Assert.True((await hub.InvokeAsync<System.Text.Json.JsonElement>("PlaceBid", listing.Id, 1010m, "metrics-hub-bid")).GetProperty("accepted").GetBoolean());

        string[] expected =
        [
            """auction_bids_accepted_total\{[^}]*channel="rest"[^}]*\} [1-9]""",
            """auction_bids_accepted_total\{[^}]*channel="hub"[^}]*\} [1-9]""",
            """auction_bids_rejected_total\{[^}]*code="BID_TOO_LOW"[^}]*\} [1-9]""",
            """auction_bid_duration_seconds_bucket\{[^}]*outcome="accepted"[^}]*\} [1-9]""",
            """auction_bid_duration_seconds_count\{[^}]*outcome="rejected"[^}]*\} [1-9]""",
            """auction_journal_append_duration_seconds_bucket\{[^}]*stream="listing"[^}]*\} [1-9]""",
            """auction_journal_append_duration_seconds_sum\{[^}]*stream="listing"[^}]*\} """,
            """auction_live_watchers(\{[^}]*\})? [1-9]""",
        ];
        var text = "";
        for (var attempt = 0; attempt < 50 && !expected.All(p => Regex.IsMatch(text, p)); attempt++)
        {
            if (attempt > 0) await Task.Delay(100); // the exporter caches a scrape for a moment
            var response = await _api.Anonymous.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
        }
        foreach (var pattern in expected) Assert.Matches(pattern, text);
        Assert.DoesNotContain(listing.Id, text); // no listing ids as labels
    }
}
