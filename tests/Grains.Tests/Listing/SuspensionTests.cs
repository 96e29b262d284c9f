using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Grains.Tests.Infrastructure;

namespace Auction.Grains.Tests.Listing;

/// <summary>Suspension, resumption and the deadlines they move (R-FRZ-01…03, API.md).</summary>
[Collection(ClusterCollection.Name)]
public sealed class SuspensionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task R_FRZ_03_a_suspension_during_the_listing_extends_the_deadline_by_the_suspended_time()
    {
        var listing = ListingDriver.Create(fixture, "freeze");
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(-30)); // frozen in the last hour
        Assert.True((await listing.Grain.Suspend(ListingDriver.CentreUser, "power failure")).IsSuccess);
        Assert.Equal(ListingStatus.Suspended, (await listing.Snapshot()).Status);

        listing.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(ListingStatus.Suspended, (await listing.Snapshot()).Status); // no deadline runs while suspended
        Assert.True((await listing.Grain.Resume(ListingDriver.CentreUser)).IsSuccess);

        var resumed = await listing.Snapshot();
        Assert.Equal(ListingStatus.Open, resumed.Status);
        Assert.Equal(published.BiddingEndsAt!.Value.AddMinutes(20), resumed.Deadline);
        Assert.True(resumed.Deadline - listing.Now <= TimeSpan.FromHours(1)); // remaining time stays within the last hour
        Assert.Contains((await listing.Grain.GetEvents(0, 100)).Expect(), e => e.Type == "resumed" && e.Deadline == resumed.Deadline);

        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(10));
        Assert.True((await listing.Bid("alpha", 1000m)).IsSuccess); // after the original deadline, before the extended one
    }

    [Fact]
    public async Task R_FRZ_03_fujian_resumption_during_the_auction_restarts_preparation_and_a_fresh_countdown()
    {
        var listing = ListingDriver.Create(fixture, "freeze-fj");
        var published = await listing.Publish(listing.Definition(timed: TimedBiddingTerms.FujianDefault));
        await listing.Qualify("alpha");
        await listing.Qualify("beta");
        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(-10));
        await listing.Accepted("alpha", 1000m);
        await listing.Accepted("beta", 1010m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(16)); // in the auction's first countdown

        Assert.True((await listing.Grain.Suspend(ListingDriver.CentreUser, "network attack")).IsSuccess);
        listing.Advance(TimeSpan.FromMinutes(30));
        Assert.True((await listing.Grain.Resume(ListingDriver.CentreUser)).IsSuccess);

        var resumed = await listing.Snapshot();
        Assert.Equal(ListingStatus.Preparation, resumed.Status);
        Assert.Equal(listing.Now.AddMinutes(15), resumed.Deadline);
    }

    [Fact]
    public async Task Only_the_owning_centre_may_suspend_resume_or_terminate()
    {
        var listing = ListingDriver.Create(fixture, "owner");
        await listing.Publish();
        var stranger = new CentreActor("x", "centre-other");
        Assert.Equal(RejectionCodes.NotListingOwner, (await listing.Grain.Suspend(stranger, "r")).Rejection?.Code);
        Assert.Equal(RejectionCodes.NotListingOwner, (await listing.Grain.Terminate(stranger, "r")).Rejection?.Code);
        Assert.Equal(RejectionCodes.InvalidTransition, (await listing.Grain.Resume(ListingDriver.CentreUser)).Rejection?.Code);
        Assert.Equal(RejectionCodes.ValidationFailed, (await listing.Grain.Suspend(ListingDriver.CentreUser, " ")).Rejection?.Code);
        Assert.Equal(ListingStatus.Announced, (await listing.Snapshot()).Status);
    }
}
