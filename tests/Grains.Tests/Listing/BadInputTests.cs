using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Grains.Tests.Infrastructure;

namespace Auction.Grains.Tests.Listing;

/// <summary>Every invalid command is a rejection value with a stable code and changes no state (issue 2, "Bad input").</summary>
[Collection(ClusterCollection.Name)]
public sealed class BadInputTests(ClusterFixture fixture)
{
    public static TheoryData<decimal, string> InvalidAmounts => new()
    {
        { 0m, RejectionCodes.ValidationFailed },
        { -1010m, RejectionCodes.ValidationFailed },
        { 1010.001m, RejectionCodes.ValidationFailed },
        { 1_000_000_000_000.01m, RejectionCodes.ValidationFailed },
        { decimal.MaxValue, RejectionCodes.ValidationFailed },
        { 1009.99m, RejectionCodes.BidTooLow },
    };

    [Theory]
    [MemberData(nameof(InvalidAmounts))]
    public async Task R_BID_06_invalid_amounts_are_refused_and_change_nothing(decimal amount, string code)
    {
        var (listing, _) = await OpenListingWithOneBid();
        var before = await listing.Snapshot();

        var outcome = await listing.Bid("alpha", amount);

        Assert.Equal(code, outcome.Rejection?.Code);
        Assert.Equal(before with { ServerTime = default }, (await listing.Snapshot()) with { ServerTime = default });
    }

    [Fact]
    public async Task Unknown_listing_is_refused_by_every_command_and_query()
    {
        var unknown = fixture.Grains.GetGrain<IListingGrain>("does-not-exist");
        Assert.Equal(RejectionCodes.ListingNotFound, (await unknown.GetSnapshot()).Rejection?.Code);
        Assert.Equal(RejectionCodes.ListingNotFound, (await unknown.PlaceBid(new PlaceBid("alpha", 1000m, "r"))).Rejection?.Code);
        Assert.Equal(RejectionCodes.ListingNotFound, (await unknown.SealReserve(ListingDriver.CentreUser, 1000m)).Rejection?.Code);
        Assert.Equal(RejectionCodes.ListingNotFound, (await unknown.GetResult()).Rejection?.Code);
        Assert.Equal(RejectionCodes.ListingNotFound, (await unknown.GetRecord(withRelatedStreams: true)).Rejection?.Code);
    }

    [Fact]
    public async Task R_BID_06_wrong_phase_and_unqualified_bidders_are_refused()
    {
        var listing = ListingDriver.Create(fixture, "phase");
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        Assert.Equal(RejectionCodes.ListingNotOpen, (await listing.Bid("alpha", 1000m)).Rejection?.Code);

        listing.AdvanceTo(published.BiddingStartsAt);
        Assert.Equal(RejectionCodes.NotQualified, (await listing.Bid("stranger", 1000m)).Rejection?.Code);
        // A retry of the refused request returns the first answer (API.md idempotency), a new request is judged anew.
        Assert.Equal(RejectionCodes.ListingNotOpen, (await listing.Bid("alpha", 1000m)).Rejection?.Code);

        Assert.True((await listing.Grain.Suspend(ListingDriver.CentreUser, "network failure at the centre")).IsSuccess);
        Assert.Equal(RejectionCodes.ListingSuspended, (await listing.Bid("alpha", 1000m, "while-suspended")).Rejection?.Code);
        Assert.Equal(RejectionCodes.InvalidTransition, (await listing.Grain.Suspend(ListingDriver.CentreUser, "again")).Rejection?.Code);
        Assert.Equal(0, (await listing.Snapshot()).BidCount);
    }

    [Fact]
    public async Task R_COM_08_R_IND_09_reserve_rules_refuse_a_second_a_low_a_late_or_a_foreign_reserve()
    {
        var listing = ListingDriver.Create(fixture, "reserve");
        // Industrial, grade 7, 50,000 m²: floor 14,400,000 (DOMAIN §8.5 worked example).
        var published = await listing.Publish(listing.Definition(use: LandUse.Industrial, grade: 7, startingPrice: 14_500_000m, increment: 100_000m));
        Assert.Equal(14_400_000m, published.Floor!.Total);
        var seq = published.Seq;

        Assert.Equal(RejectionCodes.NotListingOwner, (await listing.Grain.SealReserve(new CentreActor("x", "centre-other"), 15_000_000m)).Rejection?.Code);
        Assert.Equal(RejectionCodes.ReserveBelowStart, (await listing.Grain.SealReserve(ListingDriver.CentreUser, 14_450_000m)).Rejection?.Code);
        Assert.Equal(RejectionCodes.ValidationFailed, (await listing.Grain.SealReserve(ListingDriver.CentreUser, -1m)).Rejection?.Code);
        Assert.Equal(seq, (await listing.Snapshot()).Seq);

        Assert.True((await listing.Grain.SealReserve(ListingDriver.CentreUser, 15_000_000m)).IsSuccess);
        Assert.Equal(RejectionCodes.ReserveAlreadySet, (await listing.Grain.SealReserve(ListingDriver.CentreUser, 16_000_000m)).Rejection?.Code);

        var late = ListingDriver.Create(fixture, "reserve-late");
        var latePublished = await late.Publish();
        late.AdvanceTo(latePublished.BiddingEndsAt!.Value.AddMinutes(-59));
        Assert.Equal(RejectionCodes.ReserveTooLate, (await late.Grain.SealReserve(ListingDriver.CentreUser, 2000m)).Rejection?.Code);
    }

    [Fact]
    public async Task R_IND_03_publication_below_the_industrial_floor_is_refused_with_the_floor_and_creates_nothing()
    {
        var listing = ListingDriver.Create(fixture, "floor");
        var below = await listing.Grain.Publish(listing.Definition(use: LandUse.Industrial, grade: 7, startingPrice: 10_000_000m));
        Assert.Equal(RejectionCodes.FloorViolation, below.Rejection?.Code);
        Assert.Equal(14_400_000m, below.Rejection!.Floor!.Total);
        Assert.Equal(RejectionCodes.ListingNotFound, (await listing.Grain.GetSnapshot()).Rejection?.Code);

        var reserveBelowFloor = await listing.Grain.Publish(listing.Definition(use: LandUse.Industrial, grade: 7, startingPrice: 10_000_000m, reserve: 14_000_000m));
        Assert.Equal(RejectionCodes.FloorViolation, reserveBelowFloor.Rejection?.Code);

        // R-IND-09c: a low starting price is allowed when a reserve at or above the floor is sealed with it.
        var sealedAtFloor = await listing.Grain.Publish(listing.Definition(use: LandUse.Industrial, grade: 7, startingPrice: 10_000_000m, reserve: 14_400_000m));
        Assert.True(sealedAtFloor.IsSuccess);
        Assert.True(sealedAtFloor.Value!.HasReserve);
    }

    [Fact]
    public async Task Publishing_twice_with_the_same_request_is_a_replay_and_with_another_is_refused()
    {
        var listing = ListingDriver.Create(fixture, "twice");
        var definition = listing.Definition();
        var first = await listing.Publish(definition);
        var again = await listing.Publish(definition);
        Assert.Equal(first.Seq, again.Seq);
        var other = await listing.Grain.Publish(definition with { RequestId = "another" });
        Assert.Equal(RejectionCodes.ListingExists, other.Rejection?.Code);
        var changed = await listing.Grain.Publish(definition with { StartingPrice = 2000m });
        Assert.Equal(RejectionCodes.IdempotencyMismatch, changed.Rejection?.Code);
    }

    private async Task<(ListingDriver Listing, BidReceipt Bid)> OpenListingWithOneBid()
    {
        var listing = ListingDriver.Create(fixture, "amounts");
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        listing.AdvanceTo(published.BiddingStartsAt);
        return (listing, await listing.Accepted("alpha", 1000m));
    }
}
