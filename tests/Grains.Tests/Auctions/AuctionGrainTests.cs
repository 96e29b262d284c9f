using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Grains.Tests.Infrastructure;

namespace Auction.Grains.Tests.Auctions;

/// <summary>
/// Auctions (拍卖) through the grain with a fake auction clock: every outcome of both modes, the countdown judged by
/// the bid's own time, the record that verifies, and an increment change the next bid obeys.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AuctionGrainTests(ClusterFixture fixture)
{
    private async Task<(ListingDriver Auction, ListingSnapshot Published)> Started(AuctionMode mode = AuctionMode.Online, int minBidders = 1, decimal? reserve = null, int qualified = 2)
    {
        var auction = ListingDriver.Create(fixture, mode == AuctionMode.Online ? "online" : "onsite");
        var published = await auction.Publish(auction.AuctionDefinition(mode, countdownSeconds: 60, minBidders: minBidders, reserve: reserve));
        foreach (var bidder in new[] { "alpha", "beta", "gamma" }.Take(qualified)) await auction.Qualify(bidder);
        auction.AdvanceTo(published.BiddingStartsAt);
        return (auction, published);
    }

    [Fact]
    public async Task R_AUC_05_an_online_auction_sells_to_the_highest_bid_when_the_last_countdown_runs_out()
    {
        var (auction, published) = await Started();
        Assert.Null(published.BiddingEndsAt);
        Assert.Equal(new AuctionTerms(AuctionMode.Online, 60, 1), published.Auction);

        var opened = await auction.Snapshot();
        Assert.Equal((ListingStatus.Open, BidPhase.Auction, published.BiddingStartsAt.AddSeconds(60)), (opened.Status, opened.Phase!.Value, opened.Deadline!.Value));
        auction.Advance(TimeSpan.FromSeconds(30));
        var first = await auction.Accepted("alpha", 1000m);
        Assert.Equal((first.AcceptedAt.AddSeconds(60), BidChannel.Online, BidPhase.Auction), (first.Deadline!.Value, first.Channel, first.Phase));
        auction.Advance(TimeSpan.FromSeconds(59));
        var second = await auction.Accepted("beta", 1010m);
        Assert.Equal(second.AcceptedAt.AddSeconds(60), (await auction.Snapshot()).Deadline);

        auction.AdvanceTo(second.Deadline!.Value);
        var late = await auction.Bid("alpha", 1100m);
        Assert.Equal(RejectionCodes.BiddingClosed, late.Rejection?.Code);

        var result = await auction.Result();
        Assert.Equal((CloseOutcome.Sold, "002", 1010m, second.Deadline.Value, DealMethod.PriceOnly), (result.Outcome, result.WinnerBidderNo, result.Price, result.ClosedAt, result.DealMethod!.Value));
        Assert.True((await auction.Grain.VerifyRecord()).Expect().Valid);
    }

    [Theory]
    [InlineData("no bid", FailureReason.NoBids)]
    [InlineData("below the reserve", FailureReason.BelowReserve)]
    [InlineData("too few bidders", FailureReason.TooFewBidders)]
    public async Task R_AUC_06_R_AUC_08_an_online_auction_fails(string @case, FailureReason reason)
    {
        var (auction, published) = await Started(minBidders: @case == "too few bidders" ? 3 : 1, reserve: @case == "below the reserve" ? 1500m : null);
        var deadline = published.BiddingStartsAt.AddSeconds(60);
        if (@case == "below the reserve") deadline = (await auction.Accepted("alpha", 1000m)).Deadline!.Value;
        if (@case == "too few bidders") deadline = published.BiddingStartsAt;

        auction.AdvanceTo(deadline.AddMinutes(10));
        var result = await auction.Result();

        Assert.Equal((CloseOutcome.Failed, reason, deadline, (DealMethod?)null), (result.Outcome, result.Reason!.Value, result.ClosedAt, result.DealMethod));
        Assert.True((await auction.Grain.VerifyRecord()).Expect().Valid);
    }

    [Fact]
    public async Task R_AUC_on_site_the_auctioneer_records_paddle_bids_and_the_hammer_sells_to_the_highest()
    {
        var (auction, published) = await Started(AuctionMode.OnSite);
        var opened = await auction.Snapshot();
        Assert.Equal((ListingStatus.Open, (DateTimeOffset?)null), (opened.Status, opened.Deadline));

        Assert.Equal(RejectionCodes.WrongChannel, (await auction.Bid("alpha", 1000m)).Rejection?.Code);
        var first = (await auction.FloorBid("001", 1000m, "paddle-1")).Expect();
        Assert.Equal((BidChannel.Floor, "001", (DateTimeOffset?)null), (first.Channel, first.BidderNo, first.Deadline));
        var replay = (await auction.FloorBid("001", 1000m, "paddle-1")).Expect();
        Assert.True(replay.Replayed);
        Assert.Equal(first.Seq, replay.Seq);
        Assert.Equal(RejectionCodes.UnknownBidderNo, (await auction.FloorBid("009", 1010m)).Rejection?.Code);
        Assert.Equal(RejectionCodes.BidTooLow, (await auction.FloorBid("002", 1005m)).Rejection?.Code);
        (await auction.FloorBid("002", 1010m)).Expect();
        auction.Advance(TimeSpan.FromDays(3)); // no countdown: nothing ends the auction but the hammer
        Assert.Equal(ListingStatus.Open, (await auction.Snapshot()).Status);

        var hammer = (await auction.Hammer()).Expect();

        Assert.Equal((CloseOutcome.Sold, "002", 1010m, DealMethod.OnSiteAuction), (hammer.Outcome, hammer.WinnerBidderNo, hammer.Price, hammer.DealMethod!.Value));
        Assert.Equal(hammer, await auction.Result());
        Assert.Equal(RejectionCodes.InvalidTransition, (await auction.Hammer()).Rejection?.Code);
        Assert.Equal(RejectionCodes.BiddingClosed, (await auction.FloorBid("001", 1100m)).Rejection?.Code);
        var record = (await auction.Grain.GetRecord(withRelatedStreams: true)).Expect();
        Assert.Contains(record.Events, e => e.Type == "bidAccepted" && e.Data.Contains("\"recordedBy\":\"officer-1\"", StringComparison.Ordinal));
        Assert.True((await auction.Grain.VerifyRecord()).Expect().Valid);
    }

    [Fact]
    public async Task R_AUC_05_the_hammer_before_any_bid_fails_the_auction()
    {
        var (auction, _) = await Started(AuctionMode.OnSite);
        var result = (await auction.Hammer()).Expect();
        Assert.Equal((CloseOutcome.Failed, FailureReason.NoBids), (result.Outcome, result.Reason!.Value));
    }

    [Fact]
    public async Task R_AUC_07_an_increment_change_is_recorded_as_an_event_and_the_next_bid_obeys_it()
    {
        var (auction, _) = await Started();
        await auction.Accepted("alpha", 1000m);

        (await auction.Grain.ChangeIncrement(ListingDriver.CentreUser, 50m, "few bidders left")).Expect();

        var view = await auction.Snapshot();
        Assert.Equal((50m, 1050m), (view.Increment, view.MinNextBid!.Value));
        Assert.Equal(RejectionCodes.BidTooLow, (await auction.Bid("beta", 1040m)).Rejection?.Code);
        await auction.Accepted("beta", 1050m);
        var changed = (await auction.Grain.GetEvents(0, 100)).Expect().Single(e => e.Type == "incrementChanged");
        Assert.Equal((50m, "few bidders left"), (changed.Increment, changed.Reason));
    }
}
