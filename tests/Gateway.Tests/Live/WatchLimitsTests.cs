using System.Text.Json;
using Auction.Contracts.Listings;
using Auction.Gateway.Live;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Auction.Gateway.Tests.Live;

/// <summary>
/// What one hub connection may cost (issue 8, item 4): <c>Watch</c> checks the id's shape before touching a grain or
/// the fan-out's dictionaries, caps watches per connection, keeps no entry for a listing nobody watches, and returns
/// at most 1,000 missed events with <c>hasMore</c> (API.md v2).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class WatchLimitsTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    private LiveEvents Live => factory.Services.GetRequiredService<LiveEvents>();

    [Fact]
    public async Task Ten_thousand_made_up_ids_on_one_connection_are_each_refused_touch_no_grain_and_leave_the_fan_out_as_it_was()
    {
        await using var connection = factory.HubConnection();
        await connection.StartAsync();
        var before = Live.Footprint();
        var callsBefore = factory.GrainCalls.Count;
        var ids = Enumerable.Range(0, 10_000).Select(MadeUpId).ToArray();

        foreach (var chunk in ids.Chunk(500))
        {
            var answers = await Task.WhenAll(chunk.Select(id => WatchRefusal(connection, id)));
            Assert.All(answers, answer => Assert.Contains("LISTING_NOT_FOUND", answer));
        }

        var after = Live.Footprint();
        Assert.True(after.Listings <= before.Listings && after.Watches <= before.Watches && after.Connections <= before.Connections,
            $"the fan-out grew: {before} → {after}");
        var madeUp = ids.ToHashSet();
        Assert.DoesNotContain(factory.GrainCalls.All.Skip(callsBefore), call => madeUp.Contains(call.Key));

        // The connection is still good for a real listing.
        var listing = await _api.Publish(await _api.Centre());
        var watch = await connection.InvokeAsync<JsonElement>("Watch", listing.Id, 0L);
        Assert.Equal(listing.Id, watch.GetProperty("snapshot").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Well_formed_ids_of_no_listing_are_refused_and_leave_no_empty_entry_behind()
    {
        await using var connection = factory.HubConnection();
        await connection.StartAsync();
        var before = Live.Footprint();

        for (var i = 0; i < 100; i++)
            Assert.Contains("LISTING_NOT_FOUND", await WatchRefusal(connection, $"L{Random.Shared.NextInt64():x16}"));

        var after = Live.Footprint();
        Assert.True(after.Listings <= before.Listings && after.Watches <= before.Watches, $"entries were kept: {before} → {after}");
    }

    [Fact]
    public async Task A_connection_watches_at_most_20_listings_and_unwatching_one_frees_its_place()
    {
        var centre = await _api.Centre();
        var listings = new List<string>();
        for (var i = 0; i < 21; i++) listings.Add((await _api.Publish(centre)).Id);
        var before = Live.Footprint();
        await using var connection = factory.HubConnection();
        await connection.StartAsync();

        foreach (var id in listings.Take(20)) await connection.InvokeAsync<JsonElement>("Watch", id, 0L);
        await connection.InvokeAsync<JsonElement>("Watch", listings[0], 0L); // watching again is not another watch
        var refusal = await WatchRefusal(connection, listings[20]);
        Assert.Contains(ListingsHub.TooManyWatches, refusal);
        Assert.Contains("20", refusal);

        await connection.InvokeAsync("Unwatch", listings[0]);
        var watch = await connection.InvokeAsync<JsonElement>("Watch", listings[20], 0L);
        Assert.Equal(listings[20], watch.GetProperty("snapshot").GetProperty("id").GetString());
        Assert.Equal(before.Watches + 20, Live.Footprint().Watches);

        await connection.StopAsync();
        await ApiDriver.WaitUntil(() => Live.Footprint().Watches <= before.Watches && Live.Footprint().Listings <= before.Listings,
            "the fan-out to drop the closed connection's watches and their listings' entries");
    }

    [Fact]
    public async Task Watch_returns_at_most_1000_missed_events_with_hasMore_and_the_client_completes_from_events()
    {
        var listing = await _api.Publish(await _api.Centre());
        var bidder = await _api.Bidder();
        await _api.Qualify(bidder, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IListingGrain>(listing.Id);
        for (var i = 0; i < 1005; i++)
            Assert.True((await grain.PlaceBid(new PlaceBid(bidder.Subject, 1000m + 10m * i, $"many-{i}"))).IsSuccess);

        await using var connection = factory.HubConnection();
        var received = new ReceivedEvents(connection);
        await connection.StartAsync();
        var watch = await connection.InvokeAsync<JsonElement>("Watch", listing.Id, 0L);
        var snapshotSeq = watch.GetProperty("snapshot").GetProperty("seq").GetInt64();
        Assert.True(snapshotSeq > 1000, $"only {snapshotSeq} events");
        var missed = watch.GetProperty("missed").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), missed.Select(Seq));
        Assert.True(watch.GetProperty("hasMore").GetBoolean());

        // The client reads the rest from /events, as API.md says, and has every event once.
        var rest = new List<JsonElement>();
        for (var after = missed[^1].GetProperty("seq").GetInt64(); after < snapshotSeq; after = Seq(rest[^1]))
            rest.AddRange(await _api.Events(listing.Id, after));
        var all = missed.Concat(rest.Where(e => Seq(e) <= snapshotSeq)).ToArray();
        Assert.Equal(Enumerable.Range(1, (int)snapshotSeq).Select(i => (long)i), all.Select(Seq));
        Assert.Equal((await AllEvents(listing.Id)).Select(e => e.GetRawText()), all.Select(e => e.GetRawText()));

        // Live events continue after the snapshot; watching again from the last seq read needs no more.
        var next = await _api.Accepted(bidder, listing.Id, 1000m + 10m * 1005);
        await received.WaitForSeq(listing.Id, next.GetProperty("seq").GetInt64());
        Assert.Equal([snapshotSeq + 1], received.Seqs(listing.Id));
        var again = await connection.InvokeAsync<JsonElement>("Watch", listing.Id, 1000L);
        Assert.False(again.GetProperty("hasMore").GetBoolean());
        Assert.Equal(Enumerable.Range(1001, (int)(snapshotSeq + 1 - 1000)).Select(i => (long)i), again.GetProperty("missed").EnumerateArray().Select(Seq));
    }

    private async Task<IReadOnlyList<JsonElement>> AllEvents(string listingId)
    {
        var all = new List<JsonElement>();
        for (var page = await _api.Events(listingId); page.Length > 0; page = await _api.Events(listingId, Seq(page[^1]))) all.AddRange(page);
        return all;
    }

    /// <summary>The hub's error text for a refused Watch ("accepted" if it was not refused).</summary>
    private static async Task<string> WatchRefusal(HubConnection connection, string listingId)
    {
        try
        {
            await connection.InvokeAsync<JsonElement>("Watch", listingId, 0L);
            return "accepted";
        }
        catch (HubException refused)
        {
            return refused.Message;
        }
    }

    /// <summary>Ids of every wrong shape: wrong case, length, prefix or alphabet, and plain junk.</summary>
    private static string MadeUpId(int i) => (i % 5) switch
    {
        0 => $"LA{Random.Shared.NextInt64() & 0xFFF_FFFF_FFFF_FFFF:X15}",
        1 => $"L{Random.Shared.NextInt64():x16}"[..16],
        2 => $"L{Random.Shared.NextInt64():x16}0",
        3 => Guid.NewGuid().ToString(),
        _ => $"listing-{i}",
    };

    private static long Seq(JsonElement e) => e.GetProperty("seq").GetInt64();
}
