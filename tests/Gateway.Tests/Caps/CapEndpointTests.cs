using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Gateway.Tests.Caps;

/// <summary>
/// Price caps over the API (API.md v2 "Price caps", "v2 details pinned"): each mode end to end on a listing and on an
/// online auction (publication with the cap, the cap quote, <c>capped</c>, the stage's commands, the result with its
/// <c>dealMethod</c>, the regulator's award and record); the lottery recomputed from the public answers alone; roles,
/// refusals with their pinned statuses, and bad input.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CapEndpointTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    private sealed record Capped(Party Centre, PublishedListing Sale, Party Alpha, Party Beta, Party Gamma, JsonElement CapQuote);

    /// <summary>Published with <paramref name="mode"/>'s cap, alpha (001), beta (002), gamma (003) qualified, open; beta reaches the cap.</summary>
    private async Task<Capped> CappedSale(string mode, string method) => (await CappedSales((mode, method)))[0];

    /// <summary>
    /// Several capped sales at once: all published and qualified before the shared clock moves, so that every stage is
    /// still running when the last sale is capped.
    /// </summary>
    private async Task<Capped[]> CappedSales(params (string Mode, string Method)[] sales)
    {
        var prepared = new List<(Party Centre, PublishedListing Sale, Party[] Bidders)>();
        foreach (var (mode, method) in sales)
        {
            var centre = await _api.Centre();
            var sale = await _api.Publish(centre, ApiDriver.Capped(method == "listing" ? _api.ListingBody() : _api.AuctionBody(countdownSeconds: 600), mode));
            var bidders = new[] { await _api.Bidder("alpha"), await _api.Bidder("beta"), await _api.Bidder("gamma") };
            foreach (var bidder in bidders) await _api.Qualify(bidder, sale.Id);
            prepared.Add((centre, sale, bidders));
        }
        factory.AdvanceTo(prepared.Max(p => p.Sale.StartsAt).AddMinutes(1));
        var capped = new List<Capped>();
        foreach (var (centre, sale, bidders) in prepared)
        {
            await _api.Accepted(bidders[0], sale.Id, 1000m);
            capped.Add(new Capped(centre, sale, bidders[0], bidders[1], bidders[2], await _api.Accepted(bidders[1], sale.Id, 1100m)));
        }
        return [.. capped];
    }

    [Theory]
    [InlineData("housingArea", "listing")]
    [InlineData("housingArea", "auction")]
    [InlineData("lottery", "listing")]
    [InlineData("lottery", "auction")]
    [InlineData("oneTimeQuote", "listing")]
    [InlineData("oneTimeQuote", "auction")]
    public async Task Each_cap_mode_runs_end_to_end_over_the_API(string mode, string method)
    {
        var (centre, sale, alpha, beta, gamma, capQuote) = await CappedSale(mode, method);
        var published = sale.View.GetProperty("priceCap");
        Assert.Equal((1100m, mode), (published.GetProperty("amount").GetDecimal(), published.GetProperty("mode").GetString()));
        Assert.Equal(1100m, capQuote.GetProperty("amount").GetDecimal());

        var view = await _api.Listing(sale.Id);
        Assert.Equal(("capped", "002", JsonValueKind.Null), (view.GetProperty("status").GetString(), view.GetProperty("capStage").GetProperty("capQuoteBidderNo").GetString(), view.GetProperty("minNextBid").ValueKind));
        var refused = await ApiDriver.ExpectProblem(await _api.Bid(gamma, sale.Id, 1100m), HttpStatusCode.Conflict, "CAP_REACHED");
        Assert.Equal(1100m, refused.GetProperty("cap").GetDecimal());

        var (winner, price, dealMethod) = mode switch
        {
            "housingArea" => await AreaStage(sale, alpha, gamma),
            "lottery" => await LotteryStage(sale, gamma),
            _ => await OneTimeStage(sale, alpha, beta, gamma),
        };

        var result = await _api.Get($"/api/listings/{sale.Id}/result");
        Assert.Equal(("sold", winner, price, dealMethod), (result.GetProperty("outcome").GetString(), result.GetProperty("winnerBidderNo").GetString(), result.GetProperty("price").GetDecimal(), result.GetProperty("dealMethod").GetString()));
        var types = (await _api.Events(sale.Id)).Select(e => e.GetProperty("type").GetString()).ToArray();
        Assert.Equal("capReached", types[Array.IndexOf(types, "bidAccepted") + 2]);
        var regulator = await _api.Regulator();
        var award = (await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/awards?centre={centre.Centre}"), HttpStatusCode.OK)).EnumerateArray().Single(a => a.GetProperty("listingId").GetString() == sale.Id);
        Assert.Equal((dealMethod, 1100m), (award.GetProperty("dealMethod").GetString(), award.GetProperty("priceCap").GetDecimal()));
        var verify = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{sale.Id}/record/verify"), HttpStatusCode.OK);
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }

    private async Task<(string, decimal, string)> AreaStage(PublishedListing sale, Party alpha, Party gamma)
    {
        var first = await ApiDriver.Expect(await _api.AreaBid(gamma, sale.Id, 1000m), HttpStatusCode.Created);
        Assert.Equal(("003", 1000m, 64), (first.GetProperty("bidderNo").GetString(), first.GetProperty("areaM2").GetDecimal(), first.GetProperty("hash").GetString()!.Length));
        await ApiDriver.ExpectProblem(await _api.AreaBid(alpha, sale.Id, 1499m), HttpStatusCode.Conflict, "BID_TOO_LOW");
        var last = await ApiDriver.Expect(await _api.AreaBid(alpha, sale.Id, 1500m), HttpStatusCode.Created);
        var areaEvent = (await _api.Events(sale.Id)).Last(e => e.GetProperty("type").GetString() == "areaBidAccepted");
        Assert.Equal((1500m, "001"), (areaEvent.GetProperty("areaM2").GetDecimal(), areaEvent.GetProperty("bidderNo").GetString()));
        factory.AdvanceTo(last.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(1500m, (await _api.Get($"/api/listings/{sale.Id}/result")).GetProperty("areaM2").GetDecimal());
        return ("001", 1100m, "capThenArea");
    }

    private async Task<(string, decimal, string)> LotteryStage(PublishedListing sale, Party gamma)
    {
        var entry = await ApiDriver.Expect(await _api.JoinLottery(gamma, sale.Id), HttpStatusCode.Created);
        Assert.Equal("003", entry.GetProperty("bidderNo").GetString());
        var joinDeadline = entry.GetProperty("joinDeadline").GetDateTimeOffset();
        Assert.False((await _api.Get($"/api/listings/{sale.Id}/lottery")).TryGetProperty("secret", out _));
        factory.AdvanceTo(joinDeadline);
        var lottery = await _api.Get($"/api/listings/{sale.Id}/lottery");
        Assert.Equal(["002", "003"], lottery.GetProperty("entrants").EnumerateArray().Select(e => e.GetString()));
        return (lottery.GetProperty("winnerBidderNo").GetString()!, 1100m, "capThenLottery");
    }

    private async Task<(string, decimal, string)> OneTimeStage(PublishedListing sale, Party alpha, Party beta, Party gamma)
    {
        foreach (var bidder in new[] { alpha, gamma }) await ApiDriver.Expect(await _api.Confirm(bidder, sale.Id), HttpStatusCode.Created);
        var stage = (await _api.Listing(sale.Id)).GetProperty("capStage");
        factory.AdvanceTo(stage.GetProperty("joinDeadline").GetDateTimeOffset());
        var quote = await ApiDriver.Expect(await _api.Quote(alpha, sale.Id, 1200m), HttpStatusCode.Created);
        Assert.Equal(($"box/{sale.Id}/one-time-quotes", 1200m), (quote.GetProperty("stream").GetString(), quote.GetProperty("amount").GetDecimal()));
        await ApiDriver.ExpectProblem(await _api.Quote(gamma, sale.Id, 1200m), HttpStatusCode.Conflict, "QUOTE_TAKEN");
        await ApiDriver.ExpectProblem(await _api.Quote(beta, sale.Id, 1210m), HttpStatusCode.Forbidden, "NOT_CONFIRMED");
        await ApiDriver.Expect(await _api.Quote(gamma, sale.Id, 1250m), HttpStatusCode.Created);
        Assert.Equal(1200m, (await ApiDriver.Expect(await alpha.Client.GetAsync($"/api/listings/{sale.Id}/one-time/quotes/mine"), HttpStatusCode.OK)).GetProperty("amount").GetDecimal());
        Assert.DoesNotContain(await _api.Events(sale.Id), e => e.TryGetProperty("quotes", out _));
        factory.AdvanceTo(stage.GetProperty("quoteDeadline").GetDateTimeOffset());
        var opened = (await _api.Events(sale.Id)).Single(e => e.GetProperty("type").GetString() == "oneTimeQuotesOpened");
        Assert.Equal((1225m, "001", 2), (opened.GetProperty("average").GetDecimal(), opened.GetProperty("winnerBidderNo").GetString(), opened.GetProperty("quotes").GetArrayLength()));
        return ("001", 1200m, "capThenOneTimeQuote");
    }

    [Fact]
    public async Task The_lottery_draw_recomputes_from_the_public_API_answers_with_nothing_but_System_Security_Cryptography()
    {
        var (_, sale, alpha, _, gamma, _) = await CappedSale("lottery", "auction");
        var commitment = (await _api.Listing(sale.Id)).GetProperty("priceCap").GetProperty("lotteryCommitment").GetString()!;
        Assert.Equal(commitment, (await _api.Events(sale.Id)).Single(e => e.GetProperty("type").GetString() == "published").GetProperty("lotteryCommitment").GetString());
        await ApiDriver.Expect(await _api.JoinLottery(gamma, sale.Id), HttpStatusCode.Created);
        var joined = await ApiDriver.Expect(await _api.JoinLottery(alpha, sale.Id), HttpStatusCode.Created);
        factory.AdvanceTo(joined.GetProperty("joinDeadline").GetDateTimeOffset());

        var lottery = await _api.Get($"/api/listings/{sale.Id}/lottery");
        var result = await _api.Get($"/api/listings/{sale.Id}/result");

        // What anyone can do with the answers: the secret opens the commitment published before anyone bid …
        var secret = Convert.FromHexString(lottery.GetProperty("secret").GetString()!);
        Assert.Equal(32, secret.Length);
        Assert.Equal(commitment, Convert.ToHexStringLower(SHA256.HashData(secret)));
        // … and the entrants, sorted, with the listing id, give the winner.
        var entrants = lottery.GetProperty("entrants").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToArray();
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{sale.Id}|{string.Join(",", entrants)}"));
        var index = (int)(((ulong)mac[0] << 56 | (ulong)mac[1] << 48 | (ulong)mac[2] << 40 | (ulong)mac[3] << 32 | (ulong)mac[4] << 24 | (ulong)mac[5] << 16 | (ulong)mac[6] << 8 | mac[7]) % (ulong)entrants.Length);
        Assert.Equal(["001", "002", "003"], entrants);
        Assert.Equal(entrants[index], lottery.GetProperty("winnerBidderNo").GetString());
        Assert.Equal(entrants[index], result.GetProperty("winnerBidderNo").GetString());
        var drawn = (await _api.Events(sale.Id)).Single(e => e.GetProperty("type").GetString() == "lotteryDrawn");
        Assert.Equal(lottery.GetProperty("secret").GetString(), drawn.GetProperty("secret").GetString());
    }

    [Fact]
    public async Task Bad_stage_input_is_refused_with_the_pinned_codes_and_statuses()
    {
        var centre = await _api.Centre();
        var open = await _api.Publish(centre, ApiDriver.Capped(_api.AuctionBody(countdownSeconds: 600), "housingArea"));
        var early = await _api.Bidder("early");
        await _api.Qualify(early, open.Id);
        var capped = await CappedSales(("housingArea", "auction"), ("oneTimeQuote", "auction"), ("lottery", "auction"));
        var (area, once, lottery) = (capped[0], capped[1], capped[2]);

        // An area bid before the cap, and commands of another mode.
        await ApiDriver.ExpectProblem(await _api.AreaBid(early, open.Id, 1000m), HttpStatusCode.Conflict, "CAP_NOT_REACHED");
        await ApiDriver.ExpectProblem(await _api.JoinLottery(area.Alpha, area.Sale.Id), HttpStatusCode.Conflict, "WRONG_CAP_MODE");
        await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync($"/api/listings/{area.Sale.Id}/lottery"), HttpStatusCode.Conflict, "WRONG_CAP_MODE");
        // Joining twice; the cap quote's bidder is in already; an unqualified joiner; an applicant whose deposit is short.
        await ApiDriver.Expect(await _api.JoinLottery(lottery.Gamma, lottery.Sale.Id, "j-1"), HttpStatusCode.Created);
        var replay = await _api.JoinLottery(lottery.Gamma, lottery.Sale.Id, "j-1");
        Assert.Equal((HttpStatusCode.Created, "true"), (replay.StatusCode, replay.Headers.GetValues("Idempotent-Replay").Single()));
        await ApiDriver.ExpectProblem(await _api.JoinLottery(lottery.Gamma, lottery.Sale.Id, "j-2"), HttpStatusCode.Conflict, "ALREADY_JOINED");
        await ApiDriver.ExpectProblem(await _api.JoinLottery(lottery.Beta, lottery.Sale.Id), HttpStatusCode.Conflict, "ALREADY_JOINED");
        await ApiDriver.ExpectProblem(await _api.JoinLottery(await _api.Bidder("stranger"), lottery.Sale.Id), HttpStatusCode.Forbidden, "NOT_QUALIFIED");
        // The one-time quote: before joinDeadline, before confirming, out of range, in fen, a second quote.
        await ApiDriver.Expect(await _api.Confirm(once.Alpha, once.Sale.Id), HttpStatusCode.Created);
        await ApiDriver.ExpectProblem(await _api.Quote(once.Alpha, once.Sale.Id, 1200m), HttpStatusCode.Conflict, "QUOTING_NOT_OPEN");
        factory.AdvanceTo((await _api.Listing(once.Sale.Id)).GetProperty("capStage").GetProperty("joinDeadline").GetDateTimeOffset());
        await ApiDriver.ExpectProblem(await _api.Confirm(once.Gamma, once.Sale.Id), HttpStatusCode.Conflict, "BIDDING_CLOSED");
        await ApiDriver.ExpectProblem(await _api.Quote(once.Gamma, once.Sale.Id, 1200m), HttpStatusCode.Forbidden, "NOT_CONFIRMED");
        var outOfRange = await ApiDriver.ExpectProblem(await _api.Quote(once.Alpha, once.Sale.Id, 1601m), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(outOfRange.GetProperty("errors").TryGetProperty("amount", out _));
        await ApiDriver.ExpectProblem(await _api.Quote(once.Alpha, once.Sale.Id, 1099m), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        await ApiDriver.ExpectProblem(await _api.Quote(once.Alpha, once.Sale.Id, 1200.50m), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        await ApiDriver.Expect(await _api.Quote(once.Alpha, once.Sale.Id, 1200m), HttpStatusCode.Created);
        await ApiDriver.ExpectProblem(await _api.Quote(once.Alpha, once.Sale.Id, 1300m), HttpStatusCode.Conflict, "QUOTE_ALREADY_SUBMITTED");
        await ApiDriver.ExpectProblem(await once.Beta.Client.GetAsync($"/api/listings/{once.Sale.Id}/one-time/quotes/mine"), HttpStatusCode.NotFound, "QUOTE_NOT_FOUND");
        // Bodies: a string area, an unknown field, no request id.
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(area.Alpha.Client, $"/api/listings/{area.Sale.Id}/area-bids", new { areaM2 = "big", requestId = "a" }), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(area.Alpha.Client, $"/api/listings/{area.Sale.Id}/area-bids", new { areaM2 = 1000m, requestId = "a", price = 1 }), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(area.Alpha.Client, $"/api/listings/{area.Sale.Id}/lottery/entries", new { }), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        await ApiDriver.ExpectProblem(await _api.AreaBid(area.Alpha, area.Sale.Id, 0m), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        await ApiDriver.ExpectProblem(await _api.AreaBid(area.Alpha, area.Sale.Id, 1000m, ""), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.Equal(0, (await _api.Events(area.Sale.Id)).Count(e => e.GetProperty("type").GetString() == "areaBidAccepted"));
    }

    [Fact]
    public async Task Stage_commands_belong_to_bidders_and_the_lottery_is_public()
    {
        var (centre, sale, alpha, _, _, _) = await CappedSale("lottery", "listing");
        var regulator = await _api.Regulator();
        foreach (var (caller, status, code) in new[] { (centre.Client, HttpStatusCode.Forbidden, "FORBIDDEN"), (regulator.Client, HttpStatusCode.Forbidden, "FORBIDDEN"), (_api.Anonymous, HttpStatusCode.Unauthorized, "UNAUTHENTICATED") })
        {
            await ApiDriver.ExpectProblem(await ApiDriver.PostJson(caller, $"/api/listings/{sale.Id}/lottery/entries", new { requestId = "x" }), status, code);
            await ApiDriver.ExpectProblem(await ApiDriver.PostJson(caller, $"/api/listings/{sale.Id}/area-bids", new { areaM2 = 1000m, requestId = "x" }), status, code);
            await ApiDriver.ExpectProblem(await ApiDriver.PostJson(caller, $"/api/listings/{sale.Id}/one-time/quotes", new { amount = 1200m, requestId = "x" }), status, code);
        }
        Assert.Equal(sale.View.GetProperty("priceCap").GetProperty("lotteryCommitment").GetString(), (await _api.Get($"/api/listings/{sale.Id}/lottery")).GetProperty("commitment").GetString());
        await ApiDriver.Expect(await _api.JoinLottery(alpha, sale.Id), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Publication_refuses_a_bad_cap_and_a_cap_on_a_method_that_takes_none()
    {
        var centre = await _api.Centre();
        var low = ApiDriver.Capped(_api.ListingBody(), "lottery");
        low["priceCap"]!["amount"] = 1000m;
        var problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", low), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("priceCap.amount", out _));

        var mixed = ApiDriver.Capped(_api.ListingBody(), "lottery");
        mixed["priceCap"]!["housingArea"] = new JsonObject { ["start"] = 1000m, ["step"] = 500m };
        problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", mixed), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("priceCap.housingArea", out _));

        var noBlock = ApiDriver.Capped(_api.ListingBody(), "oneTimeQuote");
        noBlock["priceCap"]!.AsObject().Remove("oneTimeQuote");
        problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", noBlock), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("priceCap.oneTimeQuote", out _));

        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", ApiDriver.Capped(_api.ListingBody(), "raffle")), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        var commitment = ApiDriver.Capped(_api.ListingBody(), "lottery");
        commitment["priceCap"]!["lotteryCommitment"] = new string('0', 64);
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", commitment), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");

        // Pinned: a priceCap on a tender is 422 VALIDATION_FAILED (tenders take no cap).
        var tender = ApiDriver.Capped(_api.ListingBody(), "lottery");
        tender["method"] = "tender";
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", tender), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task A_bid_above_the_cap_is_ABOVE_CAP_with_the_cap_over_REST_and_the_hub()
    {
        var centre = await _api.Centre();
        var sale = await _api.Publish(centre, ApiDriver.Capped(_api.AuctionBody(countdownSeconds: 600), "lottery"));
        var alpha = await _api.Bidder("alpha");
        await _api.Qualify(alpha, sale.Id);
        factory.AdvanceTo(sale.StartsAt);

        var rest = await ApiDriver.ExpectProblem(await _api.Bid(alpha, sale.Id, 1100.01m), HttpStatusCode.Conflict, "ABOVE_CAP");
        Assert.Equal(1100m, rest.GetProperty("cap").GetDecimal());
        await using var hub = _api.Hub(alpha.Token);
        await hub.StartAsync();
        var viaHub = await hub.InvokeAsync<JsonElement>("PlaceBid", sale.Id, 1200m, ApiDriver.NewId("hub"));
        Assert.Equal(("ABOVE_CAP", 1100m), (viaHub.GetProperty("code").GetString(), viaHub.GetProperty("cap").GetDecimal()));
        Assert.Equal("open", (await _api.Listing(sale.Id)).GetProperty("status").GetString());
    }
}
