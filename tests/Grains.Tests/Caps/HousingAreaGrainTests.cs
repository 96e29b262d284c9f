using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Grains.Tests.Infrastructure;

namespace Auction.Grains.Tests.Caps;

/// <summary>
/// Area bidding after the cap (竞配建, DOMAIN §7.3 A) through the grain with a fake clock, on a listing and an online
/// auction: the cap quote caps the sale, price bids are refused, area bids restart their countdown, the largest area
/// wins at the cap (or, with no area bid, the cap quote's bidder), and the record verifies.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HousingAreaGrainTests(ClusterFixture fixture)
{
    private async Task<(ListingDriver Sale, ListingSnapshot Published)> Started(GrantMethod method)
    {
        var sale = ListingDriver.Create(fixture, method == GrantMethod.Listing ? "area-l" : "area-a");
        var definition = method == GrantMethod.Listing ? sale.Definition() : sale.AuctionDefinition(countdownSeconds: 600);
        var published = await sale.Publish(definition with { PriceCap = ListingDriver.Cap(CapMode.HousingArea) });
        foreach (var bidder in new[] { "alpha", "beta", "gamma" }) await sale.Qualify(bidder);
        sale.AdvanceTo(published.BiddingStartsAt);
        return (sale, published);
    }

    [Theory]
    [InlineData(GrantMethod.Listing)]
    [InlineData(GrantMethod.Auction)]
    public async Task The_largest_area_wins_at_the_cap_when_the_area_countdown_runs_out(GrantMethod method)
    {
        var (sale, published) = await Started(method);
        Assert.Equal((1100m, CapMode.HousingArea, 240), (published.PriceCap!.Amount, published.PriceCap.Mode, published.PriceCap.CountdownSeconds!.Value));
        Assert.Equal(RejectionCodes.CapNotReached, (await sale.AreaBid("gamma", 1000m)).Rejection?.Code);
        await sale.Accepted("alpha", 1000m);
        sale.Advance(TimeSpan.FromSeconds(10));

        var capQuote = await sale.Accepted("beta", 1100m);

        var capped = await sale.Snapshot();
        var stageDeadline = method == GrantMethod.Listing ? published.BiddingEndsAt!.Value : capQuote.AcceptedAt.AddSeconds(240);
        Assert.Equal((ListingStatus.Capped, "002", stageDeadline, (decimal?)null), (capped.Status, capped.CapStage!.CapQuoteBidderNo, capped.Deadline!.Value, capped.MinNextBid));
        var refused = await sale.Bid("gamma", 1100m);
        Assert.Equal((RejectionCodes.CapReached, 1100m), (refused.Rejection?.Code, refused.Rejection?.Cap));

        var first = (await sale.AreaBid("gamma", 1000m)).Expect();
        Assert.Equal(RejectionCodes.BidTooLow, (await sale.AreaBid("alpha", 1400m)).Rejection?.Code);
        sale.Advance(TimeSpan.FromSeconds(30));
        var last = (await sale.AreaBid("alpha", 1500m)).Expect();
        Assert.Equal(("003", 1000m, "001", 1500m), (first.BidderNo, first.AreaM2, last.BidderNo, last.AreaM2));
        var deadline = method == GrantMethod.Listing ? published.BiddingEndsAt!.Value : last.AcceptedAt.AddSeconds(240);
        Assert.Equal(deadline, last.Deadline);
        Assert.Equal((1500m, "001"), ((await sale.Snapshot()).CapStage!.AreaM2!.Value, (await sale.Snapshot()).CapStage!.AreaBidderNo!));

        sale.AdvanceTo(deadline);
        var result = await sale.Result();

        Assert.Equal((CloseOutcome.Sold, "001", 1100m, 1500m, DealMethod.CapThenArea, deadline),
            (result.Outcome, result.WinnerBidderNo!, result.Price!.Value, result.AreaM2!.Value, result.DealMethod!.Value, result.ClosedAt));
        var events = await sale.Events();
        var reached = events.Single(e => e.Type == "capReached");
        Assert.Equal((CapMode.HousingArea, "002", 1100m, stageDeadline), (reached.Mode!.Value, reached.BidderNo!, reached.Amount!.Value, reached.Deadline!.Value));
        Assert.Equal(reached.Seq - 1, events.Single(e => e.Type == "bidAccepted" && e.Amount == 1100m).Seq);
        Assert.Equal([1000m, 1500m], events.Where(e => e.Type == "areaBidAccepted").Select(e => e.AreaM2!.Value));
        Assert.Equal(1500m, events.Single(e => e.Type == "closed").AreaM2);
        Assert.True((await sale.Grain.VerifyRecord()).Expect().Valid);
    }

    [Fact]
    public async Task With_no_area_bid_the_cap_quotes_bidder_wins_at_the_cap()
    {
        var (sale, _) = await Started(GrantMethod.Auction);
        var capQuote = await sale.Accepted("beta", 1100m);
        Assert.Equal(RejectionCodes.CapReached, (await sale.FloorBid("001", 1100m)).Rejection?.Code);

        sale.AdvanceTo(capQuote.AcceptedAt.AddSeconds(240));
        var result = await sale.Result();

        Assert.Equal(("002", 1100m, (decimal?)null, DealMethod.CapThenArea), (result.WinnerBidderNo!, result.Price!.Value, result.AreaM2, result.DealMethod!.Value));
        Assert.True((await sale.Grain.VerifyRecord()).Expect().Valid);
    }

    [Fact]
    public async Task An_area_bid_replays_by_its_request_id_and_a_stranger_is_not_qualified()
    {
        var (sale, _) = await Started(GrantMethod.Auction);
        await sale.Accepted("beta", 1100m);
        var first = (await sale.AreaBid("gamma", 1000m, "area-1")).Expect();
        var replay = (await sale.AreaBid("gamma", 1000m, "area-1")).Expect();
        Assert.Equal((first.Seq, first.Hash, true), (replay.Seq, replay.Hash, replay.Replayed));
        Assert.Equal(RejectionCodes.IdempotencyMismatch, (await sale.AreaBid("gamma", 2000m, "area-1")).Rejection?.Code);
        Assert.Equal(RejectionCodes.NotQualified, (await sale.AreaBid("stranger", 2000m)).Rejection?.Code);
    }
}
