using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Http;
using Auction.Gateway.Tests.Infrastructure;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace Auction.Gateway.Tests.Faults;

/// <summary>
/// Faults injected into the journal store with Polly's chaos strategies (<see cref="JournalChaos"/>), seen from a
/// client of the REST API: an unknown outcome (the gateway's time budget ran out while the write still landed)
/// resolves to exactly one server-side result when the client retries with its requestId; a failing store makes
/// bids fail fast with a retryable 503 and never accepts one silently; the store pipeline's circuit breaker opens,
/// refuses at once while open, and closes again once the store is healthy.
/// Every test runs on a host of its own: free silo ports, its own journal store, its own chaos switch and clock.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class UnknownOutcomeTests(GatewayFactory factory)
{
    private const decimal StartingPrice = 1000m;
    private const decimal Increment = 10m;

    [Fact]
    public async Task An_unknown_outcome_resolves_to_exactly_one_accepted_bid_when_retried_with_the_same_requestId()
    {
        // The gateway waits 300 ms for the cluster; the store append is delayed 1.5 s but does happen.
        await using var host = new FaultHost(factory, budget: TimeSpan.FromMilliseconds(300), store: new() { ["AttemptTimeout"] = "00:00:10" });
        var (listingId, bidder) = await host.OpenListingWithQualifiedBidder();
        var before = await host.Stored(listingId);

        host.Chaos.AppendLatency = TimeSpan.FromSeconds(1.5);
        host.Chaos.Enabled = true;
        var request = new { amount = StartingPrice, requestId = "bid-unknown-outcome" };
        var first = await ApiDriver.PostJson(bidder, $"/api/listings/{listingId}/bids", request);
        var unknown = await ApiDriver.ExpectProblem(first, HttpStatusCode.ServiceUnavailable, "STORE_UNAVAILABLE");
        Assert.Contains("requestId", unknown.GetProperty("detail").GetString());
        host.Chaos.Enabled = false; // the delayed append is already under way and still lands

        // The client retries the very same request until it gets an answer (bounded; 503s while the write is in flight).
        HttpResponseMessage? answer = null;
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await Task.Delay(200);
            answer = await ApiDriver.PostJson(bidder, $"/api/listings/{listingId}/bids", request);
            statuses.Add(answer.StatusCode);
            if (answer.StatusCode != HttpStatusCode.ServiceUnavailable) break;
        }
        var receipt = await ApiDriver.Expect(answer!, HttpStatusCode.Created);
        Assert.True(answer!.Headers.TryGetValues("Idempotent-Replay", out var replay), $"the retry's 201 is a replay of the original acceptance; retries: {string.Join(", ", statuses)}");
        Assert.Equal(["true"], replay);
        Assert.Equal(StartingPrice, receipt.GetProperty("amount").GetDecimal());

        // The store holds exactly one acceptance for that requestId, at the seq the replay reports, on an intact chain.
        var stored = await host.Stored(listingId);
        Assert.Null(HashChain.FindBreak(stored));
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Seq));
        var accepted = Assert.Single(stored, e => e.Type == "bidAccepted" && RequestIdOf(e) == request.requestId);
        Assert.Single(stored, e => e.Type == "bidAccepted");
        Assert.Equal(before.Count + 1, stored.Count);
        Assert.Equal(accepted.Seq, receipt.GetProperty("seq").GetInt64());
        Assert.Equal(StartingPrice, JsonDocument.Parse(accepted.Data).RootElement.GetProperty("amount").GetDecimal());

        // Retrying once more is still the same single result.
        var again = await ApiDriver.PostJson(bidder, $"/api/listings/{listingId}/bids", request);
        Assert.Equal(receipt.GetRawText(), (await ApiDriver.Expect(again, HttpStatusCode.Created)).GetRawText());

        // Counterfactual: a naive retry under a NEW requestId would not bid twice either, but it is refused, whereas
        // the requestId retry returned the original success.
        var naive = await ApiDriver.PostJson(bidder, $"/api/listings/{listingId}/bids", new { amount = StartingPrice, requestId = "bid-naive-retry" });
        var refused = await ApiDriver.ExpectProblem(naive, HttpStatusCode.Conflict, "BID_TOO_LOW");
        Assert.Equal(StartingPrice + Increment, refused.GetProperty("minNextBid").GetDecimal());

        var view = await host.View(listingId);
        Assert.Equal((1, StartingPrice, stored.Count), (view.GetProperty("bidCount").GetInt32(), view.GetProperty("currentPrice").GetDecimal(), (int)view.GetProperty("seq").GetInt64()));
        Assert.Single(await host.Stored(listingId), e => e.Type == "bidAccepted");
    }

    [Fact]
    public async Task Store_faults_make_a_bid_fail_fast_with_503_STORE_UNAVAILABLE_and_never_accept_it_silently()
    {
        // A generous budget so the 503 comes from the store pipeline, not from the gateway giving up; no breaker trips.
        await using var host = new FaultHost(factory, budget: TimeSpan.FromSeconds(5), store: new() { ["MinimumThroughput"] = "1000" });
        var (listingId, bidder) = await host.OpenListingWithQualifiedBidder();
        var viewBefore = await host.View(listingId);
        var storedBefore = await host.Stored(listingId);

        host.Chaos.FaultRate = 1.0;
        host.Chaos.Enabled = true;
        var request = new { amount = StartingPrice, requestId = "bid-store-down" };
        var watch = Stopwatch.StartNew();
        var failed = await ApiDriver.PostJson(bidder, $"/api/listings/{listingId}/bids", request);
        watch.Stop();
        var problem = await ApiDriver.ExpectProblem(failed, HttpStatusCode.ServiceUnavailable, "STORE_UNAVAILABLE");
        Assert.Contains("injected store fault", problem.GetProperty("detail").GetString()); // the store refused, not the budget
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"a failing store answers within the budget (took {watch.Elapsed})");
        Assert.Equal(storedBefore, await host.Stored(listingId)); // nothing appended

        host.Chaos.Enabled = false;
        var viewAfter = await host.View(listingId);
        foreach (var field in new[] { "seq", "bidCount", "currentPrice", "status", "minNextBid" })
            Assert.Equal(viewBefore.GetProperty(field).GetRawText(), viewAfter.GetProperty(field).GetRawText());
        Assert.Empty((await host.Get($"/api/listings/{listingId}/bids")).EnumerateArray());

        // The same request, once the store is back, is a fresh acceptance (the 503 recorded nothing to replay).
        var accepted = await host.Until201(bidder, $"/api/listings/{listingId}/bids", request);
        Assert.False(accepted.Response.Headers.Contains("Idempotent-Replay"));
        Assert.Equal(StartingPrice, accepted.Body.GetProperty("amount").GetDecimal());
        var stored = await host.Stored(listingId);
        Assert.Equal(storedBefore.Count + 1, stored.Count);
        Assert.Equal(accepted.Body.GetProperty("seq").GetInt64(), Assert.Single(stored, e => e.Type == "bidAccepted").Seq);
        Assert.Null(HashChain.FindBreak(stored));
    }

    [Fact]
    public async Task The_store_circuit_breaker_opens_under_faults_then_refuses_at_once_and_closes_after_the_break()
    {
        // A budget and an attempt timeout far above the bound asserted below, so a fast answer can only be the breaker's.
        await using var host = new FaultHost(factory, budget: TimeSpan.FromSeconds(20), store: new()
        {
            ["AttemptTimeout"] = "00:00:10",
            ["MinimumThroughput"] = "4",
            ["FailureRatio"] = "0.5",
            ["SamplingDuration"] = "00:00:30",
            ["BreakDuration"] = "00:00:04",
        });
        var (listingId, bidder) = await host.OpenListingWithQualifiedBidder();
        var storedBefore = await host.Stored(listingId);
        Assert.Null(await host.ProbeBreaker()); // closed

        // Every store call fails: bids get 503 until enough calls failed within the sampling window to open the breaker.
        host.Chaos.FaultRate = 1.0;
        host.Chaos.Enabled = true;
        Exception? probe = null;
        for (var i = 0; i < 20 && probe?.InnerException is not BrokenCircuitException; i++)
        {
            var bid = await ApiDriver.PostJson(bidder, $"/api/listings/{listingId}/bids", new { amount = StartingPrice, requestId = $"cb-trip-{i}" });
            await ApiDriver.ExpectProblem(bid, HttpStatusCode.ServiceUnavailable, "STORE_UNAVAILABLE");
            probe = await host.ProbeBreaker();
        }
        Assert.IsAssignableFrom<BrokenCircuitException>(probe?.InnerException);

        // Now the store "hangs" on writes instead of failing (an append would wait for the 10 s attempt timeout):
        // with the breaker open a bid is refused at once and never reaches the store.
        host.Chaos.FaultRate = 0;
        host.Chaos.AppendLatency = TimeSpan.FromSeconds(30);
        var request = new { amount = StartingPrice, requestId = "cb-after" };
        var watch = Stopwatch.StartNew();
        var refused = await ApiDriver.PostJson(bidder, $"/api/listings/{listingId}/bids", request);
        watch.Stop();
        await ApiDriver.ExpectProblem(refused, HttpStatusCode.ServiceUnavailable, "STORE_UNAVAILABLE");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"an open breaker answers well before the 10 s attempt timeout (took {watch.Elapsed})");
        Assert.Equal(storedBefore, await host.Stored(listingId));

        // The store recovers; after the break duration the breaker lets a trial call through, and the same bid succeeds.
        host.Chaos.Enabled = false;
        host.Chaos.AppendLatency = TimeSpan.Zero;
        var accepted = await host.Until201(bidder, $"/api/listings/{listingId}/bids", request, tries: 60);
        Assert.False(accepted.Response.Headers.Contains("Idempotent-Replay"));
        Assert.Null(await host.ProbeBreaker());
        var stored = await host.Stored(listingId);
        Assert.Equal(storedBefore.Count + 1, stored.Count);
        Assert.Equal("cb-after", RequestIdOf(Assert.Single(stored, e => e.Type == "bidAccepted")));
        Assert.Null(HashChain.FindBreak(stored));
    }

    private static string? RequestIdOf(JournalEntry entry) =>
        JsonDocument.Parse(entry.Data).RootElement.TryGetProperty("requestId", out var id) ? id.GetString() : null;

    /// <summary>A gateway host of its own, with a chaos switch, journal store and clock the test holds.</summary>
    private sealed class FaultHost : IAsyncDisposable
    {
        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        public InMemoryJournalStore Store { get; } = new();
        public JournalChaos Chaos { get; } = new();
        public WebApplicationFactory<Program> App { get; }

        public FaultHost(GatewayFactory factory, TimeSpan budget, Dictionary<string, string> store)
        {
            App = factory.WithWebHostBuilder(b =>
            {
                b.UseSetting("Auction:Silo:SiloPort", FreePort().ToString());
                b.UseSetting("Auction:Silo:GatewayPort", FreePort().ToString());
                b.UseSetting("Auction:Resilience:Calls:Budget", budget.ToString("c"));
                foreach (var (key, value) in store) b.UseSetting($"Auction:Resilience:Store:{key}", value);
                b.ConfigureTestServices(services =>
                {
                    services.AddSingleton(new AuctionClock(Time));
                    services.AddSingleton<IJournalStore>(Store);
                    services.AddSingleton(Chaos);
                });
            });
        }

        public DateTimeOffset Now => Time.GetUtcNow();

        /// <summary>The stored stream of a listing, read from the store itself (no resilience, no chaos).</summary>
        public Task<IReadOnlyList<JournalEntry>> Stored(string listingId) => Store.ReadAsync($"listing/{listingId}", 0);

        /// <summary>A read through the engine's own store pipeline: null when it passes, else what it threw.</summary>
        public async Task<Exception?> ProbeBreaker()
        {
            try
            {
                await App.Services.GetRequiredService<ResilientJournal>().ReadAsync("probe/breaker", 0);
                return null;
            }
            catch (StoreUnavailableException ex)
            {
                return ex;
            }
        }

        public async Task<JsonElement> Get(string url) =>
            await ApiDriver.Expect(await Send(() => App.CreateClient().GetAsync(url)), HttpStatusCode.OK);

        public Task<JsonElement> View(string listingId) => Get($"/api/listings/{listingId}");

        /// <summary>Posts the same request until it answers 201 (bounded), as a client retrying a 503 does.</summary>
        public async Task<(HttpResponseMessage Response, JsonElement Body)> Until201(HttpClient client, string url, object body, int tries = 20)
        {
            var seen = new List<string>();
            for (var attempt = 0; attempt < tries; attempt++)
            {
                var response = await ApiDriver.PostJson(client, url, body);
                if (response.StatusCode == HttpStatusCode.Created) return (response, await ApiDriver.Expect(response, HttpStatusCode.Created));
                seen.Add($"{(int)response.StatusCode}");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                await Task.Delay(200);
            }
            Assert.Fail($"no 201 after {tries} tries: {string.Join(", ", seen)}");
            return default;
        }

        /// <summary>
        /// Publishes a listing, has one bidder apply and pay the deposit, and opens bidding by the fake clock. Setup
        /// calls are retried on 503 under their own idempotency keys (requestId, bankTxnId): the budget may be tiny.
        /// </summary>
        public async Task<(string ListingId, HttpClient Bidder)> OpenListingWithQualifiedBidder()
        {
            var centre = await ClientFor("centre", ApiDriver.NewId("officer"), ApiDriver.NewId("centre"));
            var startsAt = Now.AddHours(1);
            var endsAt = startsAt.AddHours(2);
            var listingBody = new JsonObject
            {
                ["requestId"] = ApiDriver.NewId("pub"),
                ["parcel"] = new JsonObject
                {
                    ["parcelNo"] = ApiDriver.NewId("TC2026"), ["location"] = "Taicang, Jiangsu", ["countyCode"] = "320585",
                    ["use"] = "commercial", ["areaM2"] = 50000m, ["termYears"] = 40,
                    ["plotRatio"] = new JsonObject { ["min"] = 1.0m, ["max"] = 2.0m },
                },
                ["method"] = "listing",
                ["biddingStartsAt"] = startsAt,
                ["biddingEndsAt"] = endsAt,
                ["applicationDeadline"] = endsAt.AddMinutes(-30),
                ["depositDeadline"] = endsAt.AddMinutes(-30),
                ["startingPrice"] = StartingPrice,
                ["increment"] = Increment,
                ["incrementRule"] = "atLeastOneStep",
                ["deposit"] = 100m,
                ["timedBidding"] = new JsonObject { ["style"] = "none" },
            };
            var listing = await ApiDriver.Expect(await Send(() => ApiDriver.PostJson(centre, "/api/listings", listingBody)), HttpStatusCode.Created);
            var listingId = listing.GetProperty("id").GetString()!;

            var bidder = await ClientFor("bidder", ApiDriver.NewId("bidder"));
            var applyRequest = new { requestId = ApiDriver.NewId("apply") };
            var application = await ApiDriver.Expect(await Send(() => ApiDriver.PostJson(bidder, $"/api/listings/{listingId}/applications", applyRequest)), HttpStatusCode.Created);
            var credit = JsonSerializer.Serialize(new
            {
                account = application.GetProperty("depositAccount").GetString(),
                amount = application.GetProperty("depositDue").GetDecimal(),
                bankTxnId = ApiDriver.NewId("txn"),
                creditedAt = Now,
            }, ApiJson.Options);
            var credited = await ApiDriver.Expect(await Send(() =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, "/api/bank/credits") { Content = new StringContent(credit, Encoding.UTF8, "application/json") };
                message.Headers.Add(BankEndpoints.SignatureHeader, BankEndpoints.Sign(Encoding.UTF8.GetBytes(credit), GatewayFactory.BankSecret));
                return App.CreateClient().SendAsync(message);
            }), HttpStatusCode.OK);
            Assert.Equal("qualified", credited.GetProperty("status").GetString());

            Time.Advance(startsAt - Now);
            var view = await View(listingId); // records the due biddingOpened before any fault is injected
            Assert.Equal("open", view.GetProperty("status").GetString());
            return (listingId, bidder);
        }

        private async Task<HttpClient> ClientFor(string role, string subject, string? centre = null)
        {
            var anonymous = App.CreateClient();
            var token = await anonymous.PostAsJsonAsync("/api/dev/tokens", new { subject, role, name = $"{subject} Co., Ltd.", centre });
            var client = App.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await ApiDriver.Expect(token, HttpStatusCode.OK)).GetProperty("token").GetString());
            return client;
        }

        /// <summary>Sends until the answer is not 503 (bounded); only for requests that are idempotent by their key.</summary>
        private static async Task<HttpResponseMessage> Send(Func<Task<HttpResponseMessage>> send)
        {
            for (var attempt = 1; ; attempt++)
            {
                var response = await send();
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 20) return response;
                await Task.Delay(100);
            }
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
