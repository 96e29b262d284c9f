using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Auction.Gateway.Tests.Flows;

/// <summary>
/// API.md conventions: a repeated <c>requestId</c> returns the original outcome and changes nothing (R-BID-08);
/// bank credits are idempotent by <c>bankTxnId</c> (R-DEP-02); who may bid (R-BID-06); the per-bidder rate limit.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class IdempotencyTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Publishing_twice_with_one_requestId_replays_the_same_201_and_body_and_creates_one_listing()
    {
        var centre = await _api.Centre();
        var body = _api.ListingBody();

        var first = await ApiDriver.PostJson(centre.Client, "/api/listings", body);
        var second = await ApiDriver.PostJson(centre.Client, "/api/listings", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replay"));
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replay"));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var listing = Assert.Single(await _api.Listings($"centre={centre.Centre}"));
        Assert.Equal(1, listing.GetProperty("seq").GetInt64()); // one `published` event, not two
    }

    [Fact]
    public async Task Publishing_another_body_under_a_used_requestId_is_409_IDEMPOTENCY_MISMATCH_and_changes_nothing()
    {
        var centre = await _api.Centre();
        var body = _api.ListingBody();
        var original = await _api.Publish(centre, body);

        var changed = body.DeepClone().AsObject();
        changed["startingPrice"] = 999m;
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", changed), HttpStatusCode.Conflict, "IDEMPOTENCY_MISMATCH");

        var view = await _api.Listing(original.Id);
        Assert.Equal(1000m, view.GetProperty("startingPrice").GetDecimal());
        Assert.Single(await _api.Listings($"centre={centre.Centre}"));
    }

    [Fact]
    public async Task Applying_twice_with_one_requestId_replays_the_application_and_a_new_requestId_is_409_ALREADY_APPLIED()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        var bidder = await _api.Bidder();
        var url = $"/api/listings/{listing.Id}/applications";

        var first = await ApiDriver.PostJson(bidder.Client, url, new { requestId = "apply-1" });
        var second = await ApiDriver.PostJson(bidder.Client, url, new { requestId = "apply-1" });
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replay"));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());

        // The body of an application is only its requestId, so "same requestId, other body" cannot be expressed;
        // a second application under a new requestId is refused (one application per bidder).
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(bidder.Client, url, new { requestId = "apply-2" }), HttpStatusCode.Conflict, "ALREADY_APPLIED");
        var applications = await ApiDriver.Expect(await centre.Client.GetAsync(url), HttpStatusCode.OK);
        Assert.Single(applications.EnumerateArray());
    }

    [Fact]
    public async Task R_BID_08_a_repeated_bid_requestId_replays_the_201_receipt_and_records_one_bid()
    {
        var (listing, alpha, _) = await OpenListingWithTwoBidders();

        var first = await _api.Bid(alpha, listing.Id, 1000m, "bid-once");
        var second = await _api.Bid(alpha, listing.Id, 1000m, "bid-once");
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.False(first.Headers.Contains("Idempotent-Replay"));
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replay"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        await ApiDriver.ExpectProblem(await _api.Bid(alpha, listing.Id, 1010m, "bid-once"), HttpStatusCode.Conflict, "IDEMPOTENCY_MISMATCH");

        var bids = (await _api.Get($"/api/listings/{listing.Id}/bids")).EnumerateArray().ToArray();
        Assert.Equal(1000m, Assert.Single(bids).GetProperty("amount").GetDecimal());
        Assert.Single(await _api.Events(listing.Id), e => e.GetProperty("type").GetString() == "bidAccepted");
    }

    [Fact]
    public async Task R_BID_06_a_refused_bid_changes_nothing_and_carries_minNextBid_and_serverTime()
    {
        var (listing, alpha, beta) = await OpenListingWithTwoBidders();
        await _api.Accepted(alpha, listing.Id, 1000m);
        var before = await _api.Listing(listing.Id);

        var problem = await ApiDriver.ExpectProblem(await _api.Bid(beta, listing.Id, 1005m), HttpStatusCode.Conflict, "BID_TOO_LOW");
        Assert.Equal(1010m, problem.GetProperty("minNextBid").GetDecimal());
        Assert.Equal(factory.Now, problem.GetProperty("serverTime").GetDateTimeOffset());

        var after = await _api.Listing(listing.Id);
        Assert.Equal(before.GetProperty("seq").GetInt64(), after.GetProperty("seq").GetInt64());
        Assert.Equal(1000m, after.GetProperty("currentPrice").GetDecimal());
    }

    [Fact]
    public async Task R_DEP_02_a_bank_credit_repeated_with_one_bankTxnId_counts_once()
    {
        var listing = await _api.Publish(await _api.Centre());
        var bidder = await _api.Bidder();
        var account = (await _api.Apply(bidder, listing.Id)).GetProperty("depositAccount").GetString()!;

        var first = await ApiDriver.Expect(await _api.Credit(account, 40m, "txn-dup"), HttpStatusCode.OK);
        var second = await ApiDriver.Expect(await _api.Credit(account, 40m, "txn-dup"), HttpStatusCode.OK);
        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(40m, second.GetProperty("depositPaid").GetDecimal());

        var mine = await _api.Mine(bidder, listing.Id);
        Assert.Equal(("awaitingDeposit", 40m), (mine.GetProperty("status").GetString(), mine.GetProperty("depositPaid").GetDecimal()));

        // A different transaction of the remaining amount completes it (credits add up).
        await ApiDriver.Expect(await _api.Credit(account, 60m, "txn-rest"), HttpStatusCode.OK);
        Assert.Equal("qualified", (await _api.Mine(bidder, listing.Id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bank_credits_need_a_valid_signature_401_BAD_SIGNATURE_and_a_known_account_404_UNKNOWN_ACCOUNT()
    {
        var listing = await _api.Publish(await _api.Centre());
        var bidder = await _api.Bidder();
        var account = (await _api.Apply(bidder, listing.Id)).GetProperty("depositAccount").GetString()!;

        await ApiDriver.ExpectProblem(await factory.BankCredit(account, 100m, ApiDriver.NewId("txn"), factory.Now, secret: "not-the-bank"), HttpStatusCode.Unauthorized, "BAD_SIGNATURE");
        Assert.Equal(0m, (await _api.Mine(bidder, listing.Id)).GetProperty("depositPaid").GetDecimal());

        var unknown = account[0] == '9' ? "1" + account[1..] : (char)(account[0] + 1) + account[1..];
        await ApiDriver.ExpectProblem(await _api.Credit(unknown, 100m), HttpStatusCode.NotFound, "UNKNOWN_ACCOUNT");
        Assert.Equal("awaitingDeposit", (await _api.Mine(bidder, listing.Id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task R_BID_06_an_applicant_with_a_short_deposit_is_403_DEPOSIT_NOT_PAID_and_a_stranger_403_NOT_QUALIFIED()
    {
        var (listing, _, _) = await OpenListingWithTwoBidders();
        var shortPayer = await _api.Bidder("short");
        var account = (await _api.Apply(shortPayer, listing.Id)).GetProperty("depositAccount").GetString()!;
        await ApiDriver.Expect(await _api.Credit(account, 99.99m), HttpStatusCode.OK);
        var stranger = await _api.Bidder("stranger");

        await ApiDriver.ExpectProblem(await _api.Bid(shortPayer, listing.Id, 1000m), HttpStatusCode.Forbidden, "DEPOSIT_NOT_PAID");
        await ApiDriver.ExpectProblem(await _api.Bid(stranger, listing.Id, 1000m), HttpStatusCode.Forbidden, "NOT_QUALIFIED");
        Assert.Empty((await _api.Get($"/api/listings/{listing.Id}/bids")).EnumerateArray());
    }

    [Fact]
    public async Task Bids_beyond_the_per_bidder_burst_are_429_RATE_LIMITED()
    {
        // A host of its own (own silo ports, own journal store) with a burst of 2 and 1 bid per second.
        await using var limited = factory.WithWebHostBuilder(b => b
            .UseSetting("Auction:RateLimits:BidsPerSecond", "1")
            .UseSetting("Auction:RateLimits:BidBurst", "2")
            .UseSetting("Auction:Silo:SiloPort", FreePort().ToString())
            .UseSetting("Auction:Silo:GatewayPort", FreePort().ToString())
            .ConfigureTestServices(services =>
            {
                services.AddSingleton(new AuctionClock(factory.Time));
                services.AddSingleton<IJournalStore>(new InMemoryJournalStore());
            }));
        var client = limited.CreateClient();
        async Task<HttpClient> ClientFor(string role, string subject, string? centre = null)
        {
            var token = await client.PostAsJsonAsync("/api/dev/tokens", new { subject, role, name = subject, centre });
            var authorized = limited.CreateClient();
            authorized.DefaultRequestHeaders.Authorization = new("Bearer", (await ApiDriver.Expect(token, HttpStatusCode.OK)).GetProperty("token").GetString());
            return authorized;
        }

        var centre = await ClientFor("centre", "officer", "centre-rl");
        var listing = await ApiDriver.Expect(await ApiDriver.PostJson(centre, "/api/listings", _api.ListingBody()), HttpStatusCode.Created);
        var id = listing.GetProperty("id").GetString()!;
        var bidder = await ClientFor("bidder", "rapid");
        var application = await ApiDriver.Expect(await ApiDriver.PostJson(bidder, $"/api/listings/{id}/applications", new { requestId = "a" }), HttpStatusCode.Created);
        var body = JsonSerializer.Serialize(new { account = application.GetProperty("depositAccount").GetString(), amount = 100m, bankTxnId = "t-rl", creditedAt = factory.Now }, Http.ApiJson.Options);
        var credit = new HttpRequestMessage(HttpMethod.Post, "/api/bank/credits") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        credit.Headers.Add(Endpoints.BankEndpoints.SignatureHeader, Endpoints.BankEndpoints.Sign(System.Text.Encoding.UTF8.GetBytes(body), GatewayFactory.BankSecret));
        Assert.Equal("qualified", (await ApiDriver.Expect(await client.SendAsync(credit), HttpStatusCode.OK)).GetProperty("status").GetString());
        factory.AdvanceTo(listing.GetProperty("biddingStartsAt").GetDateTimeOffset());

        // Four quick bids: the burst of 2 passes and the 3rd is refused. The limiter refills one token per second on
        // its own timer, so should a refill fall between the bids, the 4th is the one refused.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 4; i++)
        {
            var response = await ApiDriver.PostJson(bidder, $"/api/listings/{id}/bids", new { amount = 1000m + 10m * i, requestId = $"rl-{i}" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused ??= response;
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], statuses.Take(2));
        Assert.True(statuses[2] == HttpStatusCode.TooManyRequests || statuses[3] == HttpStatusCode.TooManyRequests, string.Join(", ", statuses));
        await ApiDriver.ExpectProblem(refused!, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        var bids = await ApiDriver.Expect(await client.GetAsync($"/api/listings/{id}/bids"), HttpStatusCode.OK);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.Created), bids.GetArrayLength()); // refused bids changed nothing
    }

    private async Task<(PublishedListing Listing, Party Alpha, Party Beta)> OpenListingWithTwoBidders()
    {
        var listing = await _api.Publish(await _api.Centre());
        var alpha = await _api.Bidder("alpha");
        var beta = await _api.Bidder("beta");
        await _api.Qualify(alpha, listing.Id);
        await _api.Qualify(beta, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        return (listing, alpha, beta);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
