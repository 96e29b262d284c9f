using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Auction.Gateway.Tests.Infrastructure;

/// <summary>An authenticated caller: who it is, its token and an HTTP client carrying it.</summary>
public sealed record Party(string Role, string Subject, string Name, string? Centre, string Token, HttpClient Client);

/// <summary>A listing as published over HTTP: its id, the 201 body and its timetable.</summary>
public sealed record PublishedListing(string Id, JsonElement View, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset DepositDeadline);

/// <summary>
/// Drives the gateway over HTTP only, the way a centre, the bank and bidders would. Every listing is timed
/// relative to the shared fake clock (<see cref="GatewayFactory.Now"/>), which only ever moves forward.
/// </summary>
public sealed class ApiDriver(GatewayFactory factory, WebApplicationFactory<Program>? host = null)
{
    /// <summary>The host requests go to: the shared gateway, or a <see cref="GatewayFactory.Variant"/> of it.</summary>
    private readonly WebApplicationFactory<Program> _host = host ?? factory;

    public GatewayFactory Factory => factory;

    public HttpClient Anonymous { get; } = (host ?? factory).CreateClient();

    /// <summary>A short unique id, so tests sharing the factory never touch each other's listings.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public async Task<Party> As(string role, string subject, string? centre = null, string? name = null)
    {
        name ??= $"{subject} Co., Ltd.";
        var token = await GatewayFactory.Token(_host, role, subject, centre, name);
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Party(role, subject, name, centre, token, client);
    }

    public Task<Party> Centre(string? centreId = null) => As("centre", NewId("officer"), centreId ?? NewId("centre"));

    public Task<Party> Bidder(string label = "bidder") => As("bidder", NewId(label));

    public Task<Party> Regulator() => As("regulator", NewId("regulator"));

    /// <summary>
    /// A listing body of API.md: opens in 1 hour, lists for 2 hours, applications and deposits close 30 minutes
    /// before the end (set explicitly: the default is end − 2 days). <c>announcedAt</c> is omitted (= server now).
    /// </summary>
    public JsonObject ListingBody(
        string? requestId = null, string use = "commercial", int? landGrade = null, decimal areaM2 = 50000m,
        decimal startingPrice = 1000m, decimal increment = 10m, decimal deposit = 100m, decimal? reservePrice = null,
        string timedStyle = "none", int? countdownSeconds = null, TimeSpan? startsIn = null, TimeSpan? length = null)
    {
        var startsAt = factory.Now + (startsIn ?? TimeSpan.FromHours(1));
        var endsAt = startsAt + (length ?? TimeSpan.FromHours(2));
        var parcel = new JsonObject
        {
            ["parcelNo"] = NewId("TC2026"),
            ["location"] = "Taicang, Jiangsu",
            ["countyCode"] = "320585",
            ["use"] = use,
            ["areaM2"] = areaM2,
            ["termYears"] = 40,
            ["plotRatio"] = new JsonObject { ["min"] = 1.0m, ["max"] = 2.0m },
        };
        if (landGrade is { } grade) parcel["landGrade"] = grade;
        var timed = new JsonObject { ["style"] = timedStyle };
        if (countdownSeconds is { } countdown) timed["countdownSeconds"] = countdown;
        var body = new JsonObject
        {
            ["requestId"] = requestId ?? NewId("pub"),
            ["parcel"] = parcel,
            ["method"] = "listing",
            ["biddingStartsAt"] = startsAt,
            ["biddingEndsAt"] = endsAt,
            ["applicationDeadline"] = endsAt.AddMinutes(-30),
            ["depositDeadline"] = endsAt.AddMinutes(-30),
            ["startingPrice"] = startingPrice,
            ["increment"] = increment,
            ["incrementRule"] = "atLeastOneStep",
            ["deposit"] = deposit,
            ["timedBidding"] = timed,
        };
        if (reservePrice is { } reserve) body["reservePrice"] = reserve;
        return body;
    }

    /// <summary>
    /// An auction body of API.md v2: the same parcel and money as <see cref="ListingBody"/>, starting in 1 hour, no
    /// <c>biddingEndsAt</c>, applications and deposits closing 30 minutes before the start.
    /// </summary>
    public JsonObject AuctionBody(string mode = "online", int? countdownSeconds = 60, int? minBidders = null, decimal? reservePrice = null, string? requestId = null)
    {
        var body = ListingBody(requestId, reservePrice: reservePrice);
        var startsAt = body["biddingStartsAt"]!.GetValue<DateTimeOffset>();
        body.Remove("biddingEndsAt");
        body.Remove("timedBidding");
        body["method"] = "auction";
        body["applicationDeadline"] = startsAt.AddMinutes(-30);
        body["depositDeadline"] = startsAt.AddMinutes(-30);
        var auction = new JsonObject { ["mode"] = mode };
        if (countdownSeconds is { } countdown) auction["countdownSeconds"] = countdown;
        if (minBidders is { } min) auction["minBidders"] = min;
        body["auction"] = auction;
        return body;
    }

    /// <summary>
    /// A tender body of API.md v2: the same parcel and money as <see cref="ListingBody"/>; the box opens in 1 hour and the
    /// opening (开标) is 2 hours later; applications and deposits close 30 minutes before it. A comprehensive tender has a
    /// committee of 5, 40 points for price and two criteria of 30 (<c>plan</c>, <c>industry</c>).
    /// </summary>
    public JsonObject TenderBody(string evaluation = "highestPrice", int? minTenderers = null, decimal? reservePrice = null, string use = "commercial", int? landGrade = null)
    {
        var body = ListingBody(reservePrice: reservePrice, use: use, landGrade: landGrade);
        body.Remove("timedBidding");
        body["method"] = "tender";
        var tender = new JsonObject { ["evaluation"] = evaluation };
        if (minTenderers is { } min) tender["minTenderers"] = min;
        if (evaluation == "comprehensive")
        {
            tender["committeeSize"] = 5;
            tender["priceWeight"] = 40;
            tender["criteria"] = new JsonArray(
                new JsonObject { ["id"] = "plan", ["name"] = "Development plan", ["maxScore"] = 30 },
                new JsonObject { ["id"] = "industry", ["name"] = "Industry and investment", ["maxScore"] = 30 });
        }
        body["tender"] = tender;
        return body;
    }

    public Task<HttpResponseMessage> Tender(Party bidder, string listingId, decimal amount, string? requestId = null, string? proposalSha256 = null) =>
        PostJson(bidder.Client, $"/api/listings/{listingId}/tenders", new { requestId = requestId ?? NewId("tender"), amount, proposalSha256 });

    /// <summary>Submits a tender and expects <c>201</c> with its receipt.</summary>
    public async Task<JsonElement> Tendered(Party bidder, string listingId, decimal amount, string? requestId = null, string? proposalSha256 = null) =>
        await Expect(await Tender(bidder, listingId, amount, requestId, proposalSha256), HttpStatusCode.Created);

    public static Task<HttpResponseMessage> Sheet(Party centre, string listingId, object sheet) =>
        PostJson(centre.Client, $"/api/listings/{listingId}/evaluation/sheets", sheet);

    /// <summary>
    /// A <c>priceCap</c> block of API.md v2 for the bodies above (start 1,000, steps of 10): the cap (default 1,100) and
    /// the mode's own block (area from 1,000 m² in steps of 500; one-time quotes from the cap to the cap + 500).
    /// </summary>
    public static JsonObject PriceCap(string mode, decimal amount = 1100m)
    {
        var cap = new JsonObject { ["amount"] = amount, ["mode"] = mode };
        if (mode == "housingArea") cap["housingArea"] = new JsonObject { ["start"] = 1000m, ["step"] = 500m };
        if (mode == "oneTimeQuote") cap["oneTimeQuote"] = new JsonObject { ["min"] = amount, ["max"] = amount + 500m };
        return cap;
    }

    /// <summary><paramref name="body"/> with a <c>priceCap</c> of <paramref name="mode"/>.</summary>
    public static JsonObject Capped(JsonObject body, string mode)
    {
        body["priceCap"] = PriceCap(mode);
        return body;
    }

    public Task<HttpResponseMessage> AreaBid(Party bidder, string listingId, decimal areaM2, string? requestId = null) =>
        PostJson(bidder.Client, $"/api/listings/{listingId}/area-bids", new { areaM2, requestId = requestId ?? NewId("area") });

    public Task<HttpResponseMessage> JoinLottery(Party bidder, string listingId, string? requestId = null) =>
        PostJson(bidder.Client, $"/api/listings/{listingId}/lottery/entries", new { requestId = requestId ?? NewId("join") });

    public Task<HttpResponseMessage> Confirm(Party bidder, string listingId, string? requestId = null) =>
        PostJson(bidder.Client, $"/api/listings/{listingId}/one-time/confirmations", new { requestId = requestId ?? NewId("confirm") });

    public Task<HttpResponseMessage> Quote(Party bidder, string listingId, decimal amount, string? requestId = null) =>
        PostJson(bidder.Client, $"/api/listings/{listingId}/one-time/quotes", new { amount, requestId = requestId ?? NewId("quote") });

    public static Task<HttpResponseMessage> PostJson(HttpClient client, string url, object body) =>
        client.PostAsync(url, JsonContent.Create(body));

    /// <summary>Publishes and expects <c>201</c> with the listing view.</summary>
    public async Task<PublishedListing> Publish(Party centre, JsonObject? body = null)
    {
        body ??= ListingBody();
        var response = await PostJson(centre.Client, "/api/listings", body);
        var view = await Expect(response, HttpStatusCode.Created);
        var id = view.GetProperty("id").GetString()!;
        var startsAt = view.GetProperty("biddingStartsAt").GetDateTimeOffset();
        // An auction has no biddingEndsAt: its timetable ends where it starts (its countdown or hammer decides the rest).
        var endsAt = view.GetProperty("biddingEndsAt") is { ValueKind: JsonValueKind.String } ends ? ends.GetDateTimeOffset() : startsAt;
        return new PublishedListing(id, view, startsAt, endsAt, body["depositDeadline"]!.GetValue<DateTimeOffset>());
    }

    /// <summary>Applies and expects <c>201</c>.</summary>
    public async Task<JsonElement> Apply(Party bidder, string listingId, string? requestId = null) =>
        await Expect(await PostJson(bidder.Client, $"/api/listings/{listingId}/applications", new { requestId = requestId ?? NewId("apply") }), HttpStatusCode.Created);

    public Task<HttpResponseMessage> Credit(string account, decimal amount, string? bankTxnId = null) =>
        GatewayFactory.BankCredit(_host, account, amount, bankTxnId ?? NewId("txn"), factory.Now);

    /// <summary>Applies, has the bank credit the full deposit in one transfer, and returns the bidder number.</summary>
    public async Task<string> Qualify(Party bidder, string listingId)
    {
        var application = await Apply(bidder, listingId);
        var credit = await Expect(await Credit(application.GetProperty("depositAccount").GetString()!, application.GetProperty("depositDue").GetDecimal()), HttpStatusCode.OK);
        Assert.Equal("qualified", credit.GetProperty("status").GetString());
        return (await Mine(bidder, listingId)).GetProperty("bidderNo").GetString()!;
    }

    public async Task<JsonElement> Mine(Party bidder, string listingId) =>
        await Expect(await bidder.Client.GetAsync($"/api/listings/{listingId}/applications/mine"), HttpStatusCode.OK);

    public Task<HttpResponseMessage> Bid(Party bidder, string listingId, decimal amount, string? requestId = null) =>
        PostJson(bidder.Client, $"/api/listings/{listingId}/bids", new { amount, requestId = requestId ?? NewId("bid") });

    /// <summary>Bids and expects <c>201</c> with the receipt.</summary>
    public async Task<JsonElement> Accepted(Party bidder, string listingId, decimal amount, string? requestId = null) =>
        await Expect(await Bid(bidder, listingId, amount, requestId), HttpStatusCode.Created);

    /// <summary>An anonymous GET that must answer <c>200</c>.</summary>
    public async Task<JsonElement> Get(string url) => await Expect(await Anonymous.GetAsync(url), HttpStatusCode.OK);

    public Task<JsonElement> Listing(string listingId) => Get($"/api/listings/{listingId}");

    /// <summary>Every listing of <c>GET /api/listings?{query}</c>, following <c>nextCursor</c> page by page.</summary>
    public async Task<IReadOnlyList<JsonElement>> Listings(string query = "")
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await Get($"/api/listings?{query}{(query.Length > 0 ? "&" : "")}limit=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            all.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return all;
    }

    public async Task<JsonElement[]> Events(string listingId, long afterSeq = 0) =>
        (await Get($"/api/listings/{listingId}/events?afterSeq={afterSeq}")).EnumerateArray().ToArray();

    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>API.md errors: <c>application/problem+json</c> with the status and a stable <c>code</c>.</summary>
    public static async Task<JsonElement> ExpectProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await Expect(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        return problem;
    }

    /// <summary>A SignalR client over the test server's WebSockets as the holder of <paramref name="token"/>.</summary>
    public HubConnection Hub(string? token, bool messagePack = false) => GatewayFactory.HubConnectionTo(_host.Server, token, messagePack);

    /// <summary>Whether any JSON number anywhere in <paramref name="element"/> equals <paramref name="value"/>.</summary>
    public static bool ContainsNumber(JsonElement element, decimal value) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetDecimal(out var d) && d == value,
        JsonValueKind.Object => element.EnumerateObject().Any(p => ContainsNumber(p.Value, value)),
        JsonValueKind.Array => element.EnumerateArray().Any(e => ContainsNumber(e, value)),
        _ => false,
    };

    /// <summary>Polls <paramref name="condition"/> until it holds or the bounded timeout expires.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}

/// <summary>Every <c>ListingEvent</c> a hub connection receives, in arrival order (thread-safe).</summary>
public sealed class ReceivedEvents
{
    private readonly ConcurrentQueue<JsonElement> _events = new();

    public ReceivedEvents(HubConnection connection) =>
        connection.On<JsonElement>("ListingEvent", e => _events.Enqueue(e.Clone()));

    public IReadOnlyList<JsonElement> All => _events.ToArray();

    public IReadOnlyList<JsonElement> For(string listingId) =>
        All.Where(e => e.GetProperty("listingId").GetString() == listingId).ToArray();

    public IReadOnlyList<long> Seqs(string listingId) => For(listingId).Select(e => e.GetProperty("seq").GetInt64()).ToArray();

    public Task WaitForSeq(string listingId, long seq) =>
        ApiDriver.WaitUntil(() => Seqs(listingId).Any(s => s >= seq), $"ListingEvent seq {seq} of {listingId}");
}
