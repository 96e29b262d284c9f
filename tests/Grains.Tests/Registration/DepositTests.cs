using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Grains.Tests.Infrastructure;

namespace Auction.Grains.Tests.Registration;

/// <summary>Applications, deposit sub-accounts and qualification (R-DEP-01/02, R-QUA-04, DOMAIN §11.4 scenario 15).</summary>
[Collection(ClusterCollection.Name)]
public sealed class DepositTests(ClusterFixture fixture)
{
    [Fact]
    public async Task R_DEP_02_two_partial_credits_qualify_at_the_second_and_a_repeated_bank_txn_counts_once()
    {
        var listing = ListingDriver.Create(fixture, "partial");
        await listing.Publish();
        var application = (await listing.Registration.Apply(new ApplyForListing("alpha", "Alpha Co.", "apply-1"))).Expect();
        Assert.Matches("^[1-9][0-9]{12}$", application.DepositAccount);
        Assert.Equal(ApplicationStatus.AwaitingDeposit, application.Status);
        Assert.Equal(100m, application.DepositDue);
        var account = fixture.Grains.GetGrain<IDepositAccountGrain>(application.DepositAccount);

        var first = (await account.Credit(new DepositCredit(application.DepositAccount, 60m, $"bank-1-{listing.Id}", listing.Now))).Expect();
        Assert.Equal((60m, ApplicationStatus.AwaitingDeposit), (first.DepositPaid, first.Status));
        var replayed = (await account.Credit(new DepositCredit(application.DepositAccount, 60m, $"bank-1-{listing.Id}", listing.Now))).Expect();
        Assert.Equal((60m, true), (replayed.DepositPaid, replayed.Duplicate));
        Assert.Equal(0, (await listing.Snapshot()).QualifiedBidders);

        listing.Advance(TimeSpan.FromMinutes(3));
        var second = (await account.Credit(new DepositCredit(application.DepositAccount, 40m, $"bank-2-{listing.Id}", listing.Now))).Expect();
        Assert.Equal((100m, ApplicationStatus.Qualified), (second.DepositPaid, second.Status));

        var mine = (await listing.Registration.GetApplication("alpha")).Expect();
        Assert.Equal("001", mine.BidderNo);
        var identity = Assert.Single((await listing.Grain.GetRecord(withRelatedStreams: true)).Expect().Bidders);
        Assert.Equal(("001", "alpha", listing.Now), (identity.BidderNo, identity.BidderId, identity.QualifiedAt));
        Assert.Contains((await listing.Grain.GetEvents(0, 100)).Expect(), e => e.Type == "bidderQualified" && e.BidderNo == "001");
    }

    [Fact]
    public async Task R_DEP_02_money_arriving_after_the_deposit_deadline_does_not_qualify()
    {
        var listing = ListingDriver.Create(fixture, "lateDeposit");
        var published = await listing.Publish();
        var application = (await listing.Registration.Apply(new ApplyForListing("alpha", "Alpha Co.", "apply-1"))).Expect();
        var account = fixture.Grains.GetGrain<IDepositAccountGrain>(application.DepositAccount);
        await account.Credit(new DepositCredit(application.DepositAccount, 60m, $"bank-1-{listing.Id}", listing.Now));

        listing.AdvanceTo(published.DepositDeadline.AddSeconds(1));
        var late = (await account.Credit(new DepositCredit(application.DepositAccount, 40m, $"bank-2-{listing.Id}", listing.Now))).Expect();
        Assert.True(late.ArrivedLate);
        Assert.Equal(ApplicationStatus.AwaitingDeposit, late.Status);
        Assert.Equal(0, (await listing.Snapshot()).QualifiedBidders);
    }

    [Fact]
    public async Task R_QUA_04_one_application_per_bidder_and_none_after_the_application_deadline()
    {
        var listing = ListingDriver.Create(fixture, "applyRules");
        var published = await listing.Publish();
        var first = (await listing.Registration.Apply(new ApplyForListing("alpha", "Alpha Co.", "apply-1"))).Expect();
        Assert.Equal(first, (await listing.Registration.Apply(new ApplyForListing("alpha", "Alpha Co.", "apply-1"))).Expect());
        Assert.Equal(RejectionCodes.AlreadyApplied, (await listing.Registration.Apply(new ApplyForListing("alpha", "Alpha Co.", "apply-2"))).Rejection?.Code);

        listing.AdvanceTo(published.ApplicationDeadline.AddSeconds(1));
        Assert.Equal(RejectionCodes.ApplicationClosed, (await listing.Registration.Apply(new ApplyForListing("beta", "Beta Co.", "apply-3"))).Rejection?.Code);
        Assert.Single(await listing.Registration.GetApplications());
    }

    [Fact]
    public async Task A_credit_to_an_unknown_account_is_recorded_and_refused()
    {
        var account = fixture.Grains.GetGrain<IDepositAccountGrain>("9999999999999");
        var outcome = await account.Credit(new DepositCredit("9999999999999", 100m, "bank-x", fixture.Time.GetUtcNow()));
        Assert.Equal(RejectionCodes.UnknownAccount, outcome.Rejection?.Code);
        var stored = await fixture.Store.ReadAsync("deposit-account/9999999999999", 0);
        Assert.Equal("unmatchedCredit", Assert.Single(stored).Type);
    }

    [Fact]
    public async Task The_catalog_lists_listings_by_centre_and_status()
    {
        var listing = ListingDriver.Create(fixture, "catalog");
        var published = await listing.Publish();
        var catalog = fixture.Grains.GetGrain<ICatalogGrain>("all");
        Assert.Contains(await catalog.Find(ListingDriver.Centre, ListingStatus.Announced, null), e => e.ListingId == listing.Id);

        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Snapshot();
        Assert.Contains(await catalog.Find(null, ListingStatus.Open, LandUse.Commercial), e => e.ListingId == listing.Id);
        Assert.DoesNotContain(await catalog.Find("centre-other", null, null), e => e.ListingId == listing.Id);
    }
}
