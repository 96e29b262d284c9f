using System.Net;
using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Gateway.Tests.Limits;

/// <summary>
/// The per-bidder bid limit holds on the hub too, and REST and the hub draw on one bucket (issue 8, item 4): a
/// bidder cannot double the rate by using both. Its own host: 1 bid per second, bursts of 2.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BidRateLimitTests(GatewayFactory factory)
{
    [Fact]
    public async Task Hub_bids_beyond_the_burst_are_refused_RATE_LIMITED_and_REST_and_the_hub_share_one_bucket()
    {
        await using var host = factory.Variant(new Dictionary<string, string>
        {
            ["Auction:RateLimits:BidsPerSecond"] = "1",
            ["Auction:RateLimits:BidBurst"] = "2",
        });
        var api = new ApiDriver(factory, host);
        var listing = await api.Publish(await api.Centre());
        var bidder = await api.Bidder("rapid");
        await api.Qualify(bidder, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        await using var hub = api.Hub(bidder.Token);
        await hub.StartAsync();

        // The burst goes over REST; the hub then finds the bucket empty. Buckets refill once a second on their own
        // timer, so should a refill fall inside this loop one more hub bid passes, never all of them.
        Assert.Equal(HttpStatusCode.Created, (await api.Bid(bidder, listing.Id, 1000m, "r-0")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.Bid(bidder, listing.Id, 1010m, "r-1")).StatusCode);
        var answers = new List<JsonElement>();
        for (var i = 0; i < 4; i++) answers.Add(await hub.InvokeAsync<JsonElement>("PlaceBid", listing.Id, 1020m + 10m * i, $"h-{i}"));

        var refused = answers.Where(a => !a.GetProperty("accepted").GetBoolean()).ToArray();
        Assert.True(refused.Length >= 3, string.Join("\n", answers.Select(a => a.GetRawText())));
        foreach (var answer in refused)
        {
            Assert.Equal("RATE_LIMITED", answer.GetProperty("code").GetString());
            Assert.Contains("per second", answer.GetProperty("message").GetString());
            Assert.Equal(1, answer.GetProperty("retryAfterSeconds").GetInt32());
            Assert.Equal(factory.Now, answer.GetProperty("serverTime").GetDateTimeOffset());
            Assert.Equal(JsonValueKind.Null, answer.GetProperty("bid").ValueKind);
        }

        // And REST, right after, is refused the same way with its 429 (Retry-After, serverTime).
        var rest = await api.Bid(bidder, listing.Id, 2000m, "r-2");
        var problem = await ApiDriver.ExpectProblem(rest, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Equal(["1"], rest.Headers.GetValues("Retry-After"));
        Assert.Equal(factory.Now, problem.GetProperty("serverTime").GetDateTimeOffset());

        // Refused bids changed nothing.
        var accepted = 2 + answers.Count(a => a.GetProperty("accepted").GetBoolean());
        Assert.Equal(accepted, (await api.Get($"/api/listings/{listing.Id}/bids")).GetArrayLength());
    }
}
