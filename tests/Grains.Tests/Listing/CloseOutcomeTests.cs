using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Grains.Tests.Infrastructure;

namespace Auction.Grains.Tests.Listing;

/// <summary>Every way a listing ends (R-LST-07, J1–J5, F1–F9, DOMAIN §6.7), through the real grains.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CloseOutcomeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task R_LST_07_no_qualified_bidder_fails_with_noQualifiedBidders()
    {
        var listing = ListingDriver.Create(fixture, "noqual");
        var published = await listing.Publish();
        listing.AdvanceTo(published.BiddingEndsAt!.Value);

        var result = await listing.Result();
        Assert.Equal(CloseOutcome.Failed, result.Outcome);
        Assert.Equal(FailureReason.NoQualifiedBidders, result.Reason);
        Assert.Equal(published.BiddingEndsAt!.Value, result.ClosedAt);
    }

    [Fact]
    public async Task R_LST_07_no_quotes_fails_with_noBids()
    {
        var listing = ListingDriver.Create(fixture, "nobids");
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(5));

        var result = await listing.Result();
        Assert.Equal(FailureReason.NoBids, result.Reason);
        Assert.Equal(ListingStatus.Failed, (await listing.Snapshot()).Status);
    }

    [Fact]
    public async Task J4_F1_one_bidder_at_or_above_reserve_wins()
    {
        var listing = ListingDriver.Create(fixture, "single");
        var published = await listing.Publish(listing.Definition(reserve: 1100m, timed: TimedBiddingTerms.JiangsuDefault));
        var alpha = await listing.Qualify("alpha");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);
        await listing.Accepted("alpha", 1100m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value);

        var result = await listing.Result();
        Assert.Equal(CloseOutcome.Sold, result.Outcome);
        Assert.Equal(alpha, result.WinnerBidderNo);
        Assert.Equal(1100m, result.Price);
        Assert.Equal("alpha Co., Ltd.", result.WinnerName);
    }

    [Fact]
    public async Task F8_one_bidder_below_reserve_fails_with_belowReserve()
    {
        var listing = ListingDriver.Create(fixture, "belowres");
        var published = await listing.Publish(listing.Definition(reserve: 1100m));
        await listing.Qualify("alpha");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value);

        var result = await listing.Result();
        Assert.Equal(FailureReason.BelowReserve, result.Reason);
        Assert.Null(result.WinnerBidderNo);
    }

    [Fact]
    public async Task R_LST_07_without_timed_bidding_the_highest_quote_wins_at_the_deadline()
    {
        var listing = ListingDriver.Create(fixture, "highest");
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        var beta = await listing.Qualify("beta");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);
        await listing.Accepted("beta", 1010m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value);

        var result = await listing.Result();
        Assert.Equal((CloseOutcome.Sold, beta, 1010m), (result.Outcome, result.WinnerBidderNo, result.Price));
    }

    [Fact]
    public async Task R_FRZ_05_termination_ends_the_listing_as_failed_terminated()
    {
        var listing = ListingDriver.Create(fixture, "terminated");
        await listing.Publish();
        Assert.True((await listing.Grain.Terminate(ListingDriver.CentreUser, "court seal on the parcel")).IsSuccess);

        var result = await listing.Result();
        Assert.Equal(FailureReason.Terminated, result.Reason);
        Assert.Equal(ListingStatus.Terminated, (await listing.Snapshot()).Status);
        var bid = await listing.Bid("alpha", 1000m);
        Assert.Equal(RejectionCodes.BiddingClosed, bid.Rejection?.Code);
    }

    [Fact]
    public async Task J1_J2_jiangsu_two_bidders_convert_to_timed_bidding_and_each_bid_restarts_the_countdown()
    {
        var listing = ListingDriver.Create(fixture, "jiangsu");
        var published = await listing.Publish(listing.Definition(timed: TimedBiddingTerms.JiangsuDefault));
        await listing.Qualify("alpha");
        var beta = await listing.Qualify("beta");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);
        await listing.Accepted("beta", 1010m);

        listing.AdvanceTo(published.BiddingEndsAt!.Value);
        var timed = await listing.Snapshot();
        Assert.Equal(ListingStatus.TimedBidding, timed.Status);
        Assert.Equal(published.BiddingEndsAt!.Value.AddSeconds(240), timed.Deadline);
        Assert.Equal(1020m, timed.MinNextBid);

        listing.Advance(TimeSpan.FromSeconds(190)); // 10:03:10 in DOMAIN §11.4 scenario 5
        var first = await listing.Accepted("alpha", 1020m);
        Assert.Equal(BidPhase.Timed, first.Phase);
        Assert.Equal(first.AcceptedAt.AddSeconds(240), first.Deadline);
        listing.Advance(TimeSpan.FromSeconds(229)); // still inside the new countdown
        var second = await listing.Accepted("beta", 1030m);
        Assert.Equal(second.AcceptedAt.AddSeconds(240), second.Deadline);

        listing.AdvanceTo(second.Deadline!.Value);
        var result = await listing.Result();
        Assert.Equal((CloseOutcome.Sold, beta, 1030m), (result.Outcome, result.WinnerBidderNo, result.Price));
        Assert.Equal(second.Deadline, result.ClosedAt);
    }

    [Fact]
    public async Task J3_jiangsu_no_timed_bid_means_the_listing_leader_wins_unless_below_reserve()
    {
        var listing = ListingDriver.Create(fixture, "jiangsu-quiet");
        var published = await listing.Publish(listing.Definition(timed: TimedBiddingTerms.JiangsuDefault, reserve: 1200m));
        await listing.Qualify("alpha");
        await listing.Qualify("beta");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);
        await listing.Accepted("beta", 1010m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddSeconds(240));

        Assert.Equal(FailureReason.BelowReserve, (await listing.Result()).Reason);
    }

    [Fact]
    public async Task F1_F3_F6_fujian_two_last_hour_bidders_go_to_preparation_and_a_silent_auction_goes_to_the_listing_leader()
    {
        var listing = ListingDriver.Create(fixture, "fujian");
        var published = await listing.Publish(listing.Definition(timed: TimedBiddingTerms.FujianDefault));
        await listing.Qualify("alpha");
        var beta = await listing.Qualify("beta");
        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(-50)); // inside the last hour (F1)
        await listing.Accepted("alpha", 1000m);
        await listing.Accepted("beta", 1010m);

        listing.AdvanceTo(published.BiddingEndsAt!.Value);
        var preparing = await listing.Snapshot();
        Assert.Equal(ListingStatus.Preparation, preparing.Status);
        Assert.Equal(published.BiddingEndsAt!.Value.AddMinutes(15), preparing.Deadline);
        Assert.Equal(RejectionCodes.ListingNotOpen, (await listing.Bid("alpha", 1100m)).Rejection?.Code);

        listing.AdvanceTo(preparing.Deadline!.Value);
        var auction = await listing.Snapshot();
        Assert.Equal(ListingStatus.TimedBidding, auction.Status);
        Assert.Equal(1020m, auction.MinNextBid); // F4: highest listing quote + one increment
        var started = (await listing.Grain.GetEvents(0, 100)).Expect().Single(e => e.Type == "timedBiddingStarted");
        Assert.Equal(1020m, started.StartPrice);

        listing.AdvanceTo(auction.Deadline!.Value); // F6: nobody bid in the first countdown
        var result = await listing.Result();
        Assert.Equal((CloseOutcome.Sold, beta, 1010m), (result.Outcome, result.WinnerBidderNo, result.Price));
    }

    [Fact]
    public async Task F5_F7_fujian_auction_is_open_to_bidders_without_a_listing_quote_and_each_bid_restarts_five_minutes()
    {
        var listing = ListingDriver.Create(fixture, "fujian-c");
        var published = await listing.Publish(listing.Definition(timed: TimedBiddingTerms.FujianDefault));
        await listing.Qualify("alpha");
        await listing.Qualify("beta");
        var gamma = await listing.Qualify("gamma");
        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(-50));
        await listing.Accepted("alpha", 1000m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(-30));
        await listing.Accepted("beta", 1010m);

        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(17)); // DOMAIN §11.4 scenario 3 variant: C bids at 15:17
        var bid = await listing.Accepted("gamma", 1020m);
        Assert.Equal(bid.AcceptedAt.AddMinutes(5), bid.Deadline);

        listing.AdvanceTo(bid.Deadline!.Value);
        var result = await listing.Result();
        Assert.Equal((gamma, 1020m), (result.WinnerBidderNo, result.Price));
    }

    [Fact]
    public async Task F1_fujian_only_one_bidder_in_the_last_hour_wins_without_an_auction()
    {
        var listing = ListingDriver.Create(fixture, "fujian-one");
        var published = await listing.Publish(listing.Definition(timed: TimedBiddingTerms.FujianDefault));
        await listing.Qualify("alpha");
        var beta = await listing.Qualify("beta");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(-40));
        await listing.Accepted("beta", 1010m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value);

        var result = await listing.Result();
        Assert.Equal((CloseOutcome.Sold, beta, 1010m), (result.Outcome, result.WinnerBidderNo, result.Price));
    }

    [Fact]
    public async Task J5_jiangsu_listing_quotes_stop_inside_the_no_quote_window_and_timed_bidding_follows()
    {
        var listing = ListingDriver.Create(fixture, "jiangsu-quiet-hour");
        var published = await listing.Publish(listing.Definition(timed: TimedBiddingTerms.JiangsuDefault with { NoQuoteWindowSeconds = 3600 }));
        await listing.Qualify("alpha");
        await listing.Qualify("beta");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);
        await listing.Accepted("beta", 1010m);

        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(-40)); // DOMAIN §11.4 scenario 6
        Assert.Equal(RejectionCodes.NoQuoteWindow, (await listing.Bid("alpha", 1020m)).Rejection?.Code);

        listing.AdvanceTo(published.BiddingEndsAt!.Value);
        Assert.Equal(ListingStatus.TimedBidding, (await listing.Snapshot()).Status);
        Assert.True((await listing.Bid("alpha", 1020m, "timed-1")).IsSuccess);
    }
}
