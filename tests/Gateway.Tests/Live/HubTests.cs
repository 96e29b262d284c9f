using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Gateway.Tests.Live;

/// <summary>
/// The live hub (API.md "Live hub") with the real SignalR .NET client: <c>Watch</c> snapshots plus every later
/// event exactly once in <c>seq</c> order, resume by <c>seq</c> without gaps, and <c>PlaceBid</c> under the REST rules.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HubTests(GatewayFactory factory)
{
    private const decimal Reserve = 4321m; // appears nowhere else

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_watcher_receives_every_bid_placed_over_REST_once_in_seq_order_without_identities_or_reserve()
    {
        var (listing, alpha, beta) = await OpenListing();
        await using var watcher = factory.HubConnection();
        var received = new ReceivedEvents(watcher);
        await watcher.StartAsync();

        var watch = await watcher.InvokeAsync<JsonElement>("Watch", listing.Id, 0L);
        var snapshot = watch.GetProperty("snapshot");
        Assert.Equal(listing.Id, snapshot.GetProperty("id").GetString());
        Assert.True(snapshot.GetProperty("hasReserve").GetBoolean());
        var snapshotSeq = snapshot.GetProperty("seq").GetInt64();
        var missed = watch.GetProperty("missed").EnumerateArray().ToArray();
        Assert.Equal(Range(1, snapshotSeq), Seqs(missed));
        Assert.Contains(missed, e => e.GetProperty("type").GetString() == "reserveSealed");

        var receipts = new List<JsonElement>();
        for (var i = 0; i < 6; i++)
            receipts.Add(await _api.Accepted(i % 2 == 0 ? alpha : beta, listing.Id, 1000m + 10m * i));
        var lastSeq = receipts[^1].GetProperty("seq").GetInt64();
        await received.WaitForSeq(listing.Id, lastSeq);

        var live = received.For(listing.Id);
        Assert.Equal(Range(snapshotSeq + 1, lastSeq), Seqs(live)); // strictly increasing, each exactly once, no gap
        var bids = live.Where(e => e.GetProperty("type").GetString() == "bidAccepted").ToArray();
        Assert.Equal(receipts.Select(r => r.GetProperty("seq").GetInt64()), Seqs(bids));
        for (var i = 0; i < bids.Length; i++)
        {
            var e = bids[i];
            Assert.Equal(listing.Id, e.GetProperty("listingId").GetString());
            Assert.Equal(receipts[i].GetProperty("bidderNo").GetString(), e.GetProperty("bidderNo").GetString());
            Assert.Equal(1000m + 10m * i, e.GetProperty("amount").GetDecimal());
            Assert.Equal("listing", e.GetProperty("phase").GetString());
            Assert.Equal(listing.EndsAt, e.GetProperty("deadline").GetDateTimeOffset());
            Assert.Equal(receipts[i].GetProperty("acceptedAt").GetDateTimeOffset(), e.GetProperty("at").GetDateTimeOffset());
        }
        AssertRedacted(missed.Concat(live), alpha, beta);

        // The live stream is the REST event log, seq for seq.
        Assert.Equal((await _api.Events(listing.Id)).Select(e => e.GetRawText()), missed.Concat(live).Select(e => e.GetRawText()));
    }

    [Fact]
    public async Task A_watcher_that_reconnects_and_watches_from_its_last_seq_ends_with_every_event_exactly_once()
    {
        var (listing, alpha, beta) = await OpenListing();
        var amount = 1000m;
        var bidCount = 0;
        Task<JsonElement> NextBid() => _api.Accepted(bidCount++ % 2 == 0 ? alpha : beta, listing.Id, (amount += 10m) - 10m);

        // First connection: watches from the beginning and sees a few bids live.
        var first = factory.HubConnection();
        var firstReceived = new ReceivedEvents(first);
        await first.StartAsync();
        var firstWatch = await first.InvokeAsync<JsonElement>("Watch", listing.Id, 0L);
        var firstMissed = firstWatch.GetProperty("missed").EnumerateArray().ToArray();
        JsonElement receipt = default;
        for (var i = 0; i < 3; i++) receipt = await NextBid();
        await firstReceived.WaitForSeq(listing.Id, receipt.GetProperty("seq").GetInt64());
        await first.StopAsync();
        await first.DisposeAsync();
        var firstEvents = firstMissed.Concat(firstReceived.For(listing.Id)).ToArray();
        var lastSeq = Seqs(firstEvents).Max();

        // While it is away, bidding goes on.
        for (var i = 0; i < 3; i++) await NextBid();

        // A new connection resumes from lastSeq while bids keep arriving during the Watch call itself.
        await using var second = factory.HubConnection();
        var secondReceived = new ReceivedEvents(second);
        await second.StartAsync();
        var bidding = Task.Run(async () =>
        {
            JsonElement last = default;
            for (var i = 0; i < 8; i++) last = await NextBid();
            return last;
        });
        var secondWatch = await second.InvokeAsync<JsonElement>("Watch", listing.Id, lastSeq);
        var finalSeq = (await bidding).GetProperty("seq").GetInt64();
        await secondReceived.WaitForSeq(listing.Id, finalSeq);

        var secondMissed = secondWatch.GetProperty("missed").EnumerateArray().ToArray();
        Assert.Equal(Range(lastSeq + 1, secondWatch.GetProperty("snapshot").GetProperty("seq").GetInt64()), Seqs(secondMissed));
        var secondEvents = secondMissed.Concat(secondReceived.For(listing.Id)).ToArray();
        var secondSeqs = Seqs(secondEvents);
        Assert.Equal(secondSeqs.Distinct().Count(), secondSeqs.Count); // no duplicates, nothing needed deduplicating
        Assert.Equal(Range(lastSeq + 1, finalSeq), secondSeqs); // in order, no gap

        var all = firstEvents.Concat(secondEvents).ToArray();
        Assert.Equal(Range(1, finalSeq), Seqs(all));
        Assert.Equal(3 + 3 + 8, all.Count(e => e.GetProperty("type").GetString() == "bidAccepted"));
        Assert.Equal((await _api.Events(listing.Id)).Select(e => e.GetRawText()), all.Select(e => e.GetRawText()));
        AssertRedacted(all, alpha, beta);
    }

    [Fact]
    public async Task PlaceBid_over_the_hub_accepts_like_REST_and_a_rejection_carries_code_message_and_minNextBid()
    {
        var (listing, alpha, beta) = await OpenListing();
        await using var connection = _api.Hub(alpha.Token);
        await connection.StartAsync();

        var accepted = await connection.InvokeAsync<JsonElement>("PlaceBid", listing.Id, 1000m, "hub-bid-1");
        Assert.True(accepted.GetProperty("accepted").GetBoolean(), accepted.GetRawText());
        var bid = accepted.GetProperty("bid");
        var alphaNo = (await _api.Mine(alpha, listing.Id)).GetProperty("bidderNo").GetString();
        Assert.Equal(alphaNo, bid.GetProperty("bidderNo").GetString());
        Assert.Equal(1000m, bid.GetProperty("amount").GetDecimal());
        Assert.Equal("listing", bid.GetProperty("phase").GetString());
        Assert.Equal(listing.EndsAt, bid.GetProperty("deadline").GetDateTimeOffset());
        var seq = bid.GetProperty("seq").GetInt64();

        // Same requestId: the same bid again, nothing new recorded.
        var replay = await connection.InvokeAsync<JsonElement>("PlaceBid", listing.Id, 1000m, "hub-bid-1");
        Assert.True(replay.GetProperty("accepted").GetBoolean());
        Assert.Equal(seq, replay.GetProperty("bid").GetProperty("seq").GetInt64());

        var low = await connection.InvokeAsync<JsonElement>("PlaceBid", listing.Id, 1005m, "hub-bid-2");
        Assert.False(low.GetProperty("accepted").GetBoolean());
        Assert.Equal("BID_TOO_LOW", low.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(low.GetProperty("message").GetString()));
        Assert.Equal(1010m, low.GetProperty("minNextBid").GetDecimal());

        var mismatch = await connection.InvokeAsync<JsonElement>("PlaceBid", listing.Id, 1020m, "hub-bid-1");
        Assert.Equal((false, "IDEMPOTENCY_MISMATCH"), (mismatch.GetProperty("accepted").GetBoolean(), mismatch.GetProperty("code").GetString()));

        // The hub bid is an ordinary bid: REST sees it and the next REST bid must beat it.
        var bids = (await _api.Get($"/api/listings/{listing.Id}/bids")).EnumerateArray().ToArray();
        Assert.Equal(seq, Assert.Single(bids).GetProperty("seq").GetInt64());
        await ApiDriver.ExpectProblem(await _api.Bid(beta, listing.Id, 1000m), System.Net.HttpStatusCode.Conflict, "BID_TOO_LOW");
    }

    [Fact]
    public async Task PlaceBid_by_an_anonymous_or_non_bidder_connection_is_refused_with_FORBIDDEN()
    {
        var (listing, _, _) = await OpenListing();
        await using var anonymous = factory.HubConnection();
        await anonymous.StartAsync();
        var refused = await anonymous.InvokeAsync<JsonElement>("PlaceBid", listing.Id, 1000m, "anon-bid");
        Assert.False(refused.GetProperty("accepted").GetBoolean());
        Assert.Equal("FORBIDDEN", refused.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("bid").ValueKind);

        var centre = await _api.Centre();
        await using var asCentre = _api.Hub(centre.Token);
        await asCentre.StartAsync();
        var centreBid = await asCentre.InvokeAsync<JsonElement>("PlaceBid", listing.Id, 1000m, "centre-bid");
        Assert.Equal((false, "FORBIDDEN"), (centreBid.GetProperty("accepted").GetBoolean(), centreBid.GetProperty("code").GetString()));

        Assert.Empty((await _api.Get($"/api/listings/{listing.Id}/bids")).EnumerateArray());
    }

    /// <summary>A listing with a sealed reserve and two qualified bidders, open for bids.</summary>
    private async Task<(PublishedListing Listing, Party Alpha, Party Beta)> OpenListing()
    {
        var listing = await _api.Publish(await _api.Centre(), _api.ListingBody(reservePrice: Reserve));
        var alpha = await _api.Bidder("alpha");
        var beta = await _api.Bidder("beta");
        await _api.Qualify(alpha, listing.Id);
        await _api.Qualify(beta, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        return (listing, alpha, beta);
    }

    private static void AssertRedacted(IEnumerable<JsonElement> events, params Party[] bidders)
    {
        foreach (var e in events)
        {
            Assert.False(ApiDriver.ContainsNumber(e, Reserve), e.GetRawText());
            var text = e.GetRawText();
            Assert.DoesNotContain("reservePrice", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("bidderId", text, StringComparison.OrdinalIgnoreCase);
            foreach (var bidder in bidders)
            {
                Assert.DoesNotContain(bidder.Subject, text);
                Assert.DoesNotContain(bidder.Name, text);
            }
        }
    }

    private static IReadOnlyList<long> Seqs(IEnumerable<JsonElement> events) => events.Select(e => e.GetProperty("seq").GetInt64()).ToArray();

    private static IReadOnlyList<long> Range(long from, long to) => from > to ? [] : Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i).ToArray();
}
