using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Gateway.Tests.Auctions;

/// <summary>
/// Auctions over the API (API.md v2 "Auction"): publication, online bidding over REST and the hub, the on-site floor
/// and hammer, increment changes, countdown warnings on the hub; roles, ownership, idempotent replays and bad input.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuctionEndpointTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    private async Task<(Party Centre, PublishedListing Auction, Party Alpha, Party Beta)> Started(JsonObject body)
    {
        var centre = await _api.Centre();
        var auction = await _api.Publish(centre, body);
        var (alpha, beta) = (await _api.Bidder("alpha"), await _api.Bidder("beta"));
        Assert.Equal("001", await _api.Qualify(alpha, auction.Id));
        Assert.Equal("002", await _api.Qualify(beta, auction.Id));
        factory.AdvanceTo(auction.StartsAt);
        return (centre, auction, alpha, beta);
    }

    private static Task<HttpResponseMessage> FloorBid(Party centre, string listingId, object body) =>
        ApiDriver.PostJson(centre.Client, $"/api/listings/{listingId}/floor-bids", body);

    private static Task<HttpResponseMessage> Hammer(Party caller, string listingId) =>
        ApiDriver.PostJson(caller.Client, $"/api/listings/{listingId}/hammer", new { });

    [Fact]
    public async Task An_online_auction_is_published_bid_over_REST_and_the_hub_and_sold_when_its_countdown_runs_out()
    {
        var body = _api.AuctionBody(countdownSeconds: 60, minBidders: 2, reservePrice: 1010m);
        var (_, auction, alpha, beta) = await Started(body);
        var published = auction.View;
        Assert.Equal(("auction", JsonValueKind.Null, true), (published.GetProperty("method").GetString(), published.GetProperty("biddingEndsAt").ValueKind, published.GetProperty("hasReserve").GetBoolean()));
        Assert.Equal(("online", 60, 2), (published.GetProperty("auction").GetProperty("mode").GetString(), published.GetProperty("auction").GetProperty("countdownSeconds").GetInt32(), published.GetProperty("auction").GetProperty("minBidders").GetInt32()));

        var open = await _api.Listing(auction.Id);
        Assert.Equal(("open", "auction", auction.StartsAt.AddSeconds(60)), (open.GetProperty("status").GetString(), open.GetProperty("phase").GetString(), open.GetProperty("deadline").GetDateTimeOffset()));

        var first = await _api.Accepted(alpha, auction.Id, 1000m);
        Assert.Equal(("online", "auction"), (first.GetProperty("channel").GetString(), first.GetProperty("phase").GetString()));
        factory.AdvanceTo(first.GetProperty("deadline").GetDateTimeOffset().AddSeconds(-1));
        await using var hub = _api.Hub(beta.Token);
        await hub.StartAsync();
        var viaHub = await hub.InvokeAsync<JsonElement>("PlaceBid", auction.Id, 1010m, ApiDriver.NewId("hub"));
        Assert.True(viaHub.GetProperty("accepted").GetBoolean(), viaHub.ToString());
        var deadline = viaHub.GetProperty("bid").GetProperty("deadline").GetDateTimeOffset();
        Assert.Equal(factory.Now.AddSeconds(60), deadline);

        factory.AdvanceTo(deadline);
        var result = await _api.Get($"/api/listings/{auction.Id}/result");
        Assert.Equal(("sold", "002", 1010m, "priceOnly"), (result.GetProperty("outcome").GetString(), result.GetProperty("winnerBidderNo").GetString(), result.GetProperty("price").GetDecimal(), result.GetProperty("dealMethod").GetString()));
        var regulator = await _api.Regulator();
        var verify = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{auction.Id}/record/verify"), HttpStatusCode.OK);
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        var awards = await ApiDriver.Expect(await regulator.Client.GetAsync("/api/regulator/awards"), HttpStatusCode.OK);
        Assert.Contains(awards.EnumerateArray(), a => a.GetProperty("listingId").GetString() == auction.Id);
    }

    [Fact]
    public async Task An_on_site_auction_takes_the_auctioneers_floor_bids_and_ends_with_the_hammer()
    {
        var (centre, auction, alpha, _) = await Started(_api.AuctionBody(mode: "onSite"));
        Assert.Equal(JsonValueKind.Null, (await _api.Listing(auction.Id)).GetProperty("deadline").ValueKind);

        await ApiDriver.ExpectProblem(await _api.Bid(alpha, auction.Id, 1000m), HttpStatusCode.Conflict, "WRONG_CHANNEL");
        var paddle = new { bidderNo = "001", amount = 1000m, requestId = "paddle-1" };
        var receipt = await ApiDriver.Expect(await FloorBid(centre, auction.Id, paddle), HttpStatusCode.Created);
        Assert.Equal(("floor", "001", 1000m, JsonValueKind.Null), (receipt.GetProperty("channel").GetString(), receipt.GetProperty("bidderNo").GetString(), receipt.GetProperty("amount").GetDecimal(), receipt.GetProperty("deadline").ValueKind));
        Assert.Equal(64, receipt.GetProperty("hash").GetString()!.Length);
        var replay = await FloorBid(centre, auction.Id, paddle);
        Assert.Equal(receipt.ToString(), (await ApiDriver.Expect(replay, HttpStatusCode.Created)).ToString());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replay").Single());
        await ApiDriver.ExpectProblem(await FloorBid(centre, auction.Id, paddle with { amount = 1500m }), HttpStatusCode.Conflict, "IDEMPOTENCY_MISMATCH");
        await ApiDriver.Expect(await FloorBid(centre, auction.Id, new { bidderNo = "002", amount = 1010m, requestId = "paddle-2" }), HttpStatusCode.Created);
        var bidEvents = (await _api.Events(auction.Id)).Where(e => e.GetProperty("type").GetString() == "bidAccepted").ToArray();
        Assert.All(bidEvents, e => Assert.Equal("floor", e.GetProperty("channel").GetString()));

        var result = await ApiDriver.Expect(await Hammer(centre, auction.Id), HttpStatusCode.OK);
        Assert.Equal(("sold", "002", 1010m, "onSiteAuction"), (result.GetProperty("outcome").GetString(), result.GetProperty("winnerBidderNo").GetString(), result.GetProperty("price").GetDecimal(), result.GetProperty("dealMethod").GetString()));
        Assert.Equal(result.ToString(), (await _api.Get($"/api/listings/{auction.Id}/result")).ToString());
        await ApiDriver.ExpectProblem(await Hammer(centre, auction.Id), HttpStatusCode.Conflict, "INVALID_TRANSITION");
    }

    [Fact]
    public async Task The_hammer_before_any_bid_fails_the_auction_for_lack_of_bids()
    {
        var (centre, auction, _, _) = await Started(_api.AuctionBody(mode: "onSite"));
        var result = await ApiDriver.Expect(await Hammer(centre, auction.Id), HttpStatusCode.OK);
        Assert.Equal(("failed", "noBids"), (result.GetProperty("outcome").GetString(), result.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Floor_bids_and_the_hammer_belong_to_the_owning_centre_of_an_on_site_auction()
    {
        var (centre, auction, alpha, _) = await Started(_api.AuctionBody(mode: "onSite"));
        var other = await _api.Centre();
        var regulator = await _api.Regulator();
        var paddle = new { bidderNo = "001", amount = 1000m, requestId = "p-1" };

        await ApiDriver.ExpectProblem(await FloorBid(other, auction.Id, paddle), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        await ApiDriver.ExpectProblem(await Hammer(other, auction.Id), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        await ApiDriver.ExpectProblem(await FloorBid(alpha, auction.Id, paddle), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await Hammer(regulator, auction.Id), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(_api.Anonymous, $"/api/listings/{auction.Id}/floor-bids", paddle), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal(0, (await _api.Listing(auction.Id)).GetProperty("bidCount").GetInt32());
    }

    public static TheoryData<string, object, HttpStatusCode, string> BadFloorBids => new()
    {
        { "unknown bidder number", new { bidderNo = "099", amount = 1000m, requestId = "b-1" }, HttpStatusCode.UnprocessableEntity, "UNKNOWN_BIDDER_NO" },
        { "not a bidder number", new { bidderNo = "alpha", amount = 1000m, requestId = "b-2" }, HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED" },
        { "negative amount", new { bidderNo = "001", amount = -1000m, requestId = "b-3" }, HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED" },
        { "over-precise amount", new { bidderNo = "001", amount = 1000.001m, requestId = "b-4" }, HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED" },
        { "below the starting price", new { bidderNo = "001", amount = 999m, requestId = "b-5" }, HttpStatusCode.Conflict, "BID_TOO_LOW" },
        { "no request id", new { bidderNo = "001", amount = 1000m, requestId = "" }, HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED" },
    };

    [Theory]
    [MemberData(nameof(BadFloorBids))]
    public async Task A_bad_floor_bid_is_refused_with_its_code_and_changes_nothing(string @case, object body, HttpStatusCode status, string code)
    {
        var (centre, auction, _, _) = await Started(_api.AuctionBody(mode: "onSite"));
        var problem = await ApiDriver.ExpectProblem(await FloorBid(centre, auction.Id, body), status, code);
        if (code == "UNKNOWN_BIDDER_NO") Assert.True(problem.GetProperty("errors").TryGetProperty("bidderNo", out _), @case);
        Assert.Equal(0, (await _api.Listing(auction.Id)).GetProperty("bidCount").GetInt32());
    }

    [Fact]
    public async Task Floor_bids_and_the_hammer_are_refused_on_an_online_auction_and_on_a_listing()
    {
        var (centre, auction, _, _) = await Started(_api.AuctionBody());
        var listing = await _api.Publish(centre);
        foreach (var id in new[] { auction.Id, listing.Id })
        {
            await ApiDriver.ExpectProblem(await FloorBid(centre, id, new { bidderNo = "001", amount = 1000m, requestId = "p" }), HttpStatusCode.Conflict, "WRONG_CHANNEL");
            await ApiDriver.ExpectProblem(await Hammer(centre, id), HttpStatusCode.Conflict, "WRONG_CHANNEL");
        }
    }

    [Fact]
    public async Task Publication_refuses_an_auction_with_a_biddingEndsAt_or_a_bad_auction_block()
    {
        var centre = await _api.Centre();
        var withEnd = _api.AuctionBody();
        withEnd["biddingEndsAt"] = factory.Now.AddHours(3);
        var problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", withEnd), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("biddingEndsAt", out _));

        var badBlock = _api.AuctionBody(countdownSeconds: 5, minBidders: 0);
        problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", badBlock), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("auction.countdownSeconds", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("auction.minBidders", out _));

        var badMode = _api.AuctionBody(mode: "telephone");
        problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", badMode), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        Assert.Contains("online, onSite", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task R_AUC_07_the_owning_centre_changes_the_increment_while_bidding_is_open_and_the_next_bid_obeys_it()
    {
        var (centre, auction, alpha, beta) = await Started(_api.AuctionBody());
        var url = $"/api/listings/{auction.Id}/increment";
        await _api.Accepted(alpha, auction.Id, 1000m);

        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, url, new { increment = 0m, reason = "stop" }), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, url, new { increment = -5m, reason = "down" }), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson((await _api.Centre()).Client, url, new { increment = 50m, reason = "not mine" }), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(alpha.Client, url, new { increment = 50m, reason = "bidder" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal(HttpStatusCode.NoContent, (await ApiDriver.PostJson(centre.Client, url, new { increment = 50m, reason = "few bidders left" })).StatusCode);

        var changed = (await _api.Events(auction.Id)).Single(e => e.GetProperty("type").GetString() == "incrementChanged");
        Assert.Equal((50m, "few bidders left"), (changed.GetProperty("increment").GetDecimal(), changed.GetProperty("reason").GetString()));
        var view = await _api.Listing(auction.Id);
        Assert.Equal((50m, 1050m), (view.GetProperty("increment").GetDecimal(), view.GetProperty("minNextBid").GetDecimal()));
        await ApiDriver.ExpectProblem(await _api.Bid(beta, auction.Id, 1040m), HttpStatusCode.Conflict, "BID_TOO_LOW");
        await _api.Accepted(beta, auction.Id, 1050m);

        var announced = await _api.Publish(centre, _api.AuctionBody());
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, $"/api/listings/{announced.Id}/increment", new { increment = 50m, reason = "early" }), HttpStatusCode.Conflict, "INVALID_TRANSITION");
    }

    [Fact]
    public async Task The_hub_warns_every_watcher_60_30_and_10_seconds_before_the_countdown_deadline_without_a_seq()
    {
        var (_, auction, alpha, _) = await Started(_api.AuctionBody(countdownSeconds: 240));
        await using var watcher = _api.Hub(null);
        var warnings = new System.Collections.Concurrent.ConcurrentQueue<JsonElement>();
        watcher.On<JsonElement>("CountdownWarning", w => warnings.Enqueue(w.Clone()));
        await watcher.StartAsync();
        await watcher.InvokeAsync<JsonElement>("Watch", auction.Id, 0L);
        var bid = await _api.Accepted(alpha, auction.Id, 1000m);
        var deadline = bid.GetProperty("deadline").GetDateTimeOffset();

        foreach (var point in new[] { 60, 30, 10 }) factory.AdvanceTo(deadline.AddSeconds(-point));
        await ApiDriver.WaitUntil(() => warnings.Count >= 3, "three countdown warnings");

        Assert.Equal([60, 30, 10], warnings.Select(w => w.GetProperty("remainingSeconds").GetInt32()));
        Assert.All(warnings, w =>
        {
            Assert.Equal(auction.Id, w.GetProperty("listingId").GetString());
            Assert.Equal(deadline, w.GetProperty("deadline").GetDateTimeOffset());
            Assert.False(w.TryGetProperty("seq", out _));
            Assert.EndsWith("Z", w.GetProperty("serverTime").GetString());
        });
    }
}
