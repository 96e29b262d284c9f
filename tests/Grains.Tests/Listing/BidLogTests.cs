using System.Text.Json;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Grains.Tests.Infrastructure;
using Auction.Silo.Journal;

namespace Auction.Grains.Tests.Listing;

/// <summary>The bid log: ordering under contention, idempotency, deadlines by timestamp, durability, tamper evidence.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BidLogTests(ClusterFixture fixture)
{
    [Fact]
    public async Task R_BID_08_two_hundred_concurrent_bids_are_strictly_increasing_gapless_and_each_acknowledged_bid_is_logged_once()
    {
        var listing = ListingDriver.Create(fixture, "burst");
        var published = await listing.Publish(listing.Definition(startingPrice: 1000m, increment: 1m));
        var bidders = Enumerable.Range(1, 20).Select(i => $"b{i:00}").ToArray();
        foreach (var bidder in bidders) await listing.Qualify(bidder);
        listing.AdvanceTo(published.BiddingStartsAt);

        // 200 bids at once; many race for the same price, so some are refused as too low.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            listing.Bid(bidders[i % bidders.Length], 1000m + i / 2, requestId: $"burst-{i}")));

        var accepted = outcomes.Where(o => o.IsSuccess).Select(o => o.Value!).ToArray();
        Assert.NotEmpty(accepted);
        Assert.All(outcomes.Where(o => !o.IsSuccess), o => Assert.Contains(o.Rejection!.Code, new[] { RejectionCodes.BidTooLow }));

        var entries = await listing.StoredEntries();
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Null(HashChain.FindBreak(entries));

        var loggedBids = entries.Where(e => e.Type == "bidAccepted").ToArray();
        Assert.Equal(accepted.Length, loggedBids.Length);
        foreach (var ack in accepted)
            Assert.Single(loggedBids, e => e.Seq == ack.Seq && e.Data.Contains($"\"amount\":{ack.Amount}", StringComparison.Ordinal));

        var amounts = (await listing.Grain.GetBids(0, 1000)).Expect().Select(b => b.Amount).ToArray();
        Assert.Equal(accepted.Length, amounts.Length);
        Assert.True(amounts.Zip(amounts.Skip(1)).All(p => p.Second > p.First), "accepted amounts must strictly increase");
    }

    [Fact]
    public async Task R_BID_08_a_replayed_request_returns_the_first_outcome_and_appends_nothing()
    {
        var listing = ListingDriver.Create(fixture, "replay");
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        listing.AdvanceTo(published.BiddingStartsAt);

        var first = (await listing.Bid("alpha", 1000m, "r-1")).Expect();
        var seqAfterFirst = (await listing.Snapshot()).Seq;
        var again = (await listing.Bid("alpha", 1000m, "r-1")).Expect();
        Assert.Equal(first with { Replayed = true }, again);
        Assert.Equal(seqAfterFirst, (await listing.Snapshot()).Seq);

        var mismatch = await listing.Bid("alpha", 1500m, "r-1");
        Assert.Equal(RejectionCodes.IdempotencyMismatch, mismatch.Rejection?.Code);

        var low = await listing.Bid("alpha", 1001m, "r-2");
        Assert.Equal(RejectionCodes.BidTooLow, low.Rejection?.Code);
        Assert.Equal(low, await listing.Bid("alpha", 1001m, "r-2"));
        Assert.Equal(seqAfterFirst, (await listing.Snapshot()).Seq);

        // The same request id from another bidder is another request.
        await listing.Qualify("beta");
        Assert.True((await listing.Bid("beta", 1010m, "r-1")).IsSuccess);
    }

    [Fact]
    public async Task R_CONV_3_a_bid_one_millisecond_after_the_deadline_is_rejected_even_though_no_timer_fired()
    {
        var listing = ListingDriver.Create(fixture, "late");
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        var beta = await listing.Qualify("beta");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMilliseconds(-1));
        await listing.Accepted("beta", 1010m); // the last millisecond still counts

        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMilliseconds(1));
        var late = await listing.Bid("alpha", 1100m);
        Assert.Equal(RejectionCodes.BiddingClosed, late.Rejection?.Code);

        var result = await listing.Result();
        Assert.Equal((beta, 1010m, published.BiddingEndsAt!.Value), (result.WinnerBidderNo, result.Price, result.ClosedAt));
    }

    [Fact]
    public async Task A_deactivated_listing_reactivates_with_the_same_state_and_keeps_answering_replays()
    {
        var listing = ListingDriver.Create(fixture, "reactivate");
        var published = await listing.Publish(listing.Definition(reserve: 1200m));
        await listing.Qualify("alpha");
        listing.AdvanceTo(published.BiddingStartsAt);
        var bid = await listing.Accepted("alpha", 1000m);
        var before = await listing.Snapshot();

        await fixture.Cluster.DeactivateAsync(listing.Grain);

        var after = await listing.Snapshot();
        Assert.Equal(before with { ServerTime = after.ServerTime }, after);
        Assert.True(after.HasReserve);
        Assert.Equal(bid with { Replayed = true }, (await listing.Bid("alpha", 1000m)).Expect());
        Assert.Equal(RejectionCodes.ReserveAlreadySet, (await listing.Grain.SealReserve(ListingDriver.CentreUser, 1300m)).Rejection?.Code);
    }

    [Fact]
    public async Task The_deadline_timer_closes_the_listing_by_itself()
    {
        // Real time here: the timer fires on Orleans' clock; the fake auction clock is moved along with it.
        var listing = ListingDriver.Create(fixture, "timer");
        var definition = listing.Definition() with
        {
            BiddingStartsAt = listing.Now.AddMilliseconds(300),
            BiddingEndsAt = listing.Now.AddSeconds(1),
            ApplicationDeadline = listing.Now.AddMilliseconds(200),
            DepositDeadline = listing.Now.AddMilliseconds(200),
        };
        await listing.Publish(definition);
        listing.Advance(TimeSpan.FromSeconds(2));

        IReadOnlyList<JournalEntry> entries = [];
        for (var i = 0; i < 100 && !entries.Any(e => e.Type == "closed"); i++)
        {
            await Task.Delay(100);
            entries = await listing.StoredEntries();
        }
        Assert.Equal(["published", "biddingOpened", "closed"], entries.Select(e => e.Type));
    }

    [Fact]
    public async Task R_REC_01_the_record_verifies_and_a_tampered_entry_is_detected_at_its_seq()
    {
        var listing = ListingDriver.Create(fixture, "tamper");
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);
        await listing.Accepted("alpha", 1010m);

        var verified = (await listing.Grain.VerifyRecord()).Expect();
        Assert.True(verified.Valid);
        var entries = await listing.StoredEntries();
        Assert.Equal(entries.Count, verified.Events);
        Assert.Equal(entries[^1].Hash, verified.HeadHash);

        var firstBid = entries.First(e => e.Type == "bidAccepted");
        fixture.Store.TamperForTest($"listing/{listing.Id}", firstBid.Seq, e => e with { Data = e.Data.Replace("1000", "1001", StringComparison.Ordinal) });
        var broken = (await listing.Grain.VerifyRecord()).Expect();
        Assert.Equal((false, (long?)firstBid.Seq), (broken.Valid, broken.BrokenAtSeq));

        // A new activation does not skip the entry: it refuses every command and still reports the break.
        await fixture.Cluster.DeactivateAsync(listing.Grain);
        Assert.Equal(RejectionCodes.JournalCorrupted, (await listing.Grain.GetSnapshot()).Rejection?.Code);
        Assert.Equal(RejectionCodes.JournalCorrupted, (await listing.Bid("alpha", 2000m)).Rejection?.Code);
        Assert.Equal((false, (long?)firstBid.Seq), ((await listing.Grain.VerifyRecord()).Expect() is var v ? (v.Valid, v.BrokenAtSeq) : default));
    }

    [Fact]
    public async Task R_COM_08_the_reserve_never_appears_in_public_events_snapshots_or_bid_logs()
    {
        var listing = ListingDriver.Create(fixture, "secret");
        var published = await listing.Publish(listing.Definition(reserve: 98765.43m));
        await listing.Qualify("alpha");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);

        var events = (await listing.Grain.GetEvents(0, 100)).Expect();
        var exposed = JsonSerializer.Serialize(new object[] { events, await listing.Snapshot(), (await listing.Grain.GetBids(0, 100)).Expect() });
        Assert.DoesNotContain("98765", exposed, StringComparison.Ordinal);
        Assert.DoesNotContain("alpha", exposed, StringComparison.Ordinal); // bidder identity stays out too
        Assert.Contains(events, e => e.Type == "reserveSealed");
        Assert.Equal(98765.43m, (await listing.Grain.GetRecord(withRelatedStreams: true)).Expect().ReservePrice);
    }
}
