using Auction.Grains.Tests.Infrastructure;
using Auction.Silo.Journal;

namespace Auction.Grains.Tests.Listing;

/// <summary>Journals written before the reserve was sealed at rest keep loading: a plain <c>reservePrice</c> is still the reserve.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LegacyJournalTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_reserve_stored_in_plain_text_by_an_older_version_still_loads_as_the_reserve()
    {
        var listing = ListingDriver.Create(fixture, "legacy");
        await listing.Publish();
        var entries = await listing.StoredEntries();
        var legacy = HashChain.Seal(entries[^1].Hash, entries.Count + 1, "reserveSealed", listing.Now, """{"$type":"reserveSealed","reservePrice":1100,"sealedBy":"officer-1"}""");
        fixture.Store.ReplaceForTest($"listing/{listing.Id}", [.. entries, legacy]);
        await fixture.Cluster.DeactivateAsync(listing.Grain);

        Assert.True((await listing.Snapshot()).HasReserve);
        Assert.Equal(1100m, (await listing.Grain.GetRecord(withRelatedStreams: false)).Expect().ReservePrice);
        Assert.True((await listing.Grain.VerifyRecord()).Expect().Valid); // an unsigned tail after the publication's checkpoint
        Assert.Equal(Auction.Contracts.Common.RejectionCodes.ReserveAlreadySet,
            (await listing.Grain.SealReserve(ListingDriver.CentreUser, 1200m)).Rejection?.Code);
    }
}
