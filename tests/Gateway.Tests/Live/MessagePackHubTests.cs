using System.Collections.Concurrent;
using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;
using MessagePack;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Gateway.Tests.Live;

/// <summary>
/// The hub over SignalR's MessagePack protocol with the stock .NET client (default options; its own attributed types,
/// nothing of the gateway's): Watch, live events and PlaceBid carry the JSON protocol's fields, money arrives as exact
/// decimal text and times as the API's time text, seq for seq the REST log; a JSON watcher of the same listing gets
/// the same events (one fan-out, one serialization per protocol).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MessagePackHubTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_MessagePack_client_watches_and_bids_with_exact_amounts_and_times_beside_a_JSON_watcher()
    {
        var listing = await _api.Publish(await _api.Centre(), _api.ListingBody());
        var alpha = await _api.Bidder("alpha");
        await _api.Qualify(alpha, listing.Id);
        factory.AdvanceTo(listing.StartsAt);

        await using var packed = factory.HubConnection(messagePack: true);
        var packedEvents = new ConcurrentQueue<EventItem>();
        packed.On<EventItem>("ListingEvent", packedEvents.Enqueue);
        await using var json = factory.HubConnection();
        var jsonEvents = new ReceivedEvents(json);
        await Task.WhenAll(packed.StartAsync(), json.StartAsync());

        var watch = await packed.InvokeAsync<WatchReply>("Watch", listing.Id, 0L);
        Assert.Equal(listing.Id, watch.Snapshot.Id);
        Assert.Equal("open", watch.Snapshot.Status);
        Assert.Equal(1000m, watch.Snapshot.StartingPrice);
        Assert.Equal(Enumerable.Range(1, (int)watch.Snapshot.Seq).Select(i => (long)i), watch.Missed.Select(e => e.Seq));
        await json.InvokeAsync<JsonElement>("Watch", listing.Id, watch.Snapshot.Seq);

        // Amounts with cents (a float would turn 1234567.89 into 1234567.8899999999): sent and received exactly. The store is
        // shared with SealedReserveTests, which looks for its reserves (987654.32, 876543.21) in every entry: none here.
        await using var bidder = _api.Hub(alpha.Token, messagePack: true);
        await bidder.StartAsync();
        var amounts = new[] { 1000.37m, 1234567.89m, 3141592.65m };
        var replies = new List<BidReply>();
        foreach (var (amount, i) in amounts.Select((a, i) => (a, i)))
            replies.Add(await bidder.InvokeAsync<BidReply>("PlaceBid", listing.Id, amount, $"mp-{i}"));
        Assert.All(replies, r => Assert.True(r.Accepted, r.Code));
        Assert.Equal(amounts, replies.Select(r => r.Bid!.Amount));
        var refused = await bidder.InvokeAsync<BidReply>("PlaceBid", listing.Id, 5m, "mp-low");
        Assert.Equal((false, "BID_TOO_LOW", 3141602.65m), (refused.Accepted, refused.Code, refused.MinNextBid));

        var lastSeq = replies[^1].Bid!.Seq;
        await ApiDriver.WaitUntil(() => packedEvents.Any(e => e.Seq == lastSeq), "the MessagePack watcher to get the last bid");
        await jsonEvents.WaitForSeq(listing.Id, lastSeq);

        // Seq for seq the REST log, with the same amounts and the same time text (all 7 fractional digits).
        var rest = await _api.Events(listing.Id);
        var packedAll = watch.Missed.Concat(packedEvents).ToArray();
        Assert.Equal(rest.Select(e => e.GetProperty("seq").GetInt64()), packedAll.Select(e => e.Seq));
        Assert.Equal(rest.Select(e => e.GetProperty("type").GetString()), packedAll.Select(e => e.Type));
        Assert.Equal(rest.Select(e => e.GetProperty("at").GetString()), packedAll.Select(e => e.At));
        Assert.Equal(rest.Select(e => e.TryGetProperty("amount", out var a) ? a.GetDecimal() : (decimal?)null), packedAll.Select(e => e.Amount));
        Assert.Equal(amounts, packedAll.Where(e => e.Type == "bidAccepted").Select(e => e.Amount!.Value));
        var bids = (await _api.Get($"/api/listings/{listing.Id}/bids")).EnumerateArray().ToArray();
        Assert.Equal(bids.Select(b => b.GetProperty("acceptedAt").GetString()), replies.Select(r => r.Bid!.AcceptedAt));
        Assert.Equal(bids.Select(b => b.GetProperty("acceptedAt").GetString()), packedAll.Where(e => e.Type == "bidAccepted").Select(e => e.At));

        // The JSON watcher of the same listing got the same events over its own protocol.
        Assert.Equal(packedAll.Where(e => e.Seq > watch.Snapshot.Seq).Select(e => e.Seq), jsonEvents.For(listing.Id).Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(amounts, jsonEvents.For(listing.Id).Where(e => e.GetProperty("type").GetString() == "bidAccepted").Select(e => e.GetProperty("amount").GetDecimal()));
    }

    // A client's own types for the payloads, with MessagePack-CSharp's stock attributes: keys are the API's JSON names.

    [MessagePackObject]
    public sealed class WatchReply
    {
        [Key("snapshot")] public SnapshotItem Snapshot { get; set; } = new();
        [Key("missed")] public List<EventItem> Missed { get; set; } = [];
        [Key("hasMore")] public bool HasMore { get; set; }
    }

    [MessagePackObject]
    public sealed class SnapshotItem
    {
        [Key("id")] public string Id { get; set; } = "";
        [Key("status")] public string Status { get; set; } = "";
        [Key("seq")] public long Seq { get; set; }
        [Key("startingPrice")] public decimal StartingPrice { get; set; }
    }

    [MessagePackObject]
    public sealed class EventItem
    {
        [Key("listingId")] public string ListingId { get; set; } = "";
        [Key("seq")] public long Seq { get; set; }
        [Key("type")] public string Type { get; set; } = "";
        [Key("at")] public string At { get; set; } = "";
        [Key("amount")] public decimal? Amount { get; set; }
    }

    [MessagePackObject]
    public sealed class BidReply
    {
        [Key("accepted")] public bool Accepted { get; set; }
        [Key("bid")] public ReceiptItem? Bid { get; set; }
        [Key("code")] public string? Code { get; set; }
        [Key("minNextBid")] public decimal? MinNextBid { get; set; }
    }

    [MessagePackObject]
    public sealed class ReceiptItem
    {
        [Key("seq")] public long Seq { get; set; }
        [Key("amount")] public decimal Amount { get; set; }
        [Key("acceptedAt")] public string AcceptedAt { get; set; } = "";
    }
}
