using Auction.Contracts.Listings;
using Auction.Contracts.Live;
using Auction.Grains.Tests.Infrastructure;
using Auction.Silo.Listing;
using Auction.Silo.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Auction.Grains.Tests.Auctions;

/// <summary>
/// Countdown warnings (DOMAIN J2 / F7, API.md v2): at 60, 30 and 10 s before every countdown deadline — an online
/// auction's and a listing's timed bidding — by the auction clock, with no event recorded; a bid that restarts the
/// countdown restarts the warnings, and a suspension silences them.
/// </summary>
public sealed class CountdownWarningTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly RecordingSink _sink = new();
    private readonly InMemoryJournalStore _store = new();
    private InProcessTestCluster _cluster = null!;

    private IEngineHost Host => new FixtureView(_cluster, _time, _store);

    public async Task InitializeAsync() =>
        _cluster = await TestSilos.Start(_time, services =>
        {
            services.AddSingleton<IJournalStore>(_store);
            services.AddSingleton<IListingEventSink>(_sink);
        });

    public Task DisposeAsync() => TestSilos.Stop(_cluster);

    [Fact]
    public async Task J2_an_online_auction_warns_at_60_30_and_10_seconds_before_its_deadline_and_a_bid_restarts_them()
    {
        var auction = ListingDriver.Create(Host, "warn");
        var published = await auction.Publish(auction.AuctionDefinition(countdownSeconds: 240));
        await auction.Qualify("alpha");
        await auction.Qualify("beta");
        auction.AdvanceTo(published.BiddingStartsAt);
        var deadline = (await auction.Snapshot()).Deadline!.Value;
        var seqBefore = (await auction.Snapshot()).Seq;

        auction.AdvanceTo(deadline.AddSeconds(-61));
        Assert.Empty(_sink.Warnings(auction.Id));
        auction.AdvanceTo(deadline.AddSeconds(-60));
        auction.AdvanceTo(deadline.AddSeconds(-30));
        Assert.Equal([60, 30], _sink.Warnings(auction.Id).Select(w => w.RemainingSeconds));
        Assert.All(_sink.Warnings(auction.Id), w => Assert.Equal(deadline, w.Deadline));
        Assert.Equal(deadline.AddSeconds(-30), _sink.Warnings(auction.Id)[^1].ServerTime);

        // A bid 20 s before the deadline restarts the countdown: no warning for the old deadline, three for the new.
        auction.AdvanceTo(deadline.AddSeconds(-20));
        var bid = await auction.Accepted("alpha", 1000m);
        auction.AdvanceTo(deadline.AddSeconds(-10));
        auction.AdvanceTo(bid.Deadline!.Value.AddSeconds(-10));
        Assert.Equal([60, 30, 60, 30, 10], _sink.Warnings(auction.Id).Select(w => w.RemainingSeconds));
        Assert.All(_sink.Warnings(auction.Id).Skip(2), w => Assert.Equal(bid.Deadline, w.Deadline));
        // Warnings are not events: only the bid was recorded.
        Assert.Equal(seqBefore + 1, (await auction.Snapshot()).Seq);
    }

    [Fact]
    public async Task J2_timed_bidding_warns_too_and_a_suspension_silences_the_countdown()
    {
        var listing = ListingDriver.Create(Host, "warn-timed");
        var published = await listing.Publish(listing.Definition(timed: TimedBiddingTerms.JiangsuDefault));
        await listing.Qualify("alpha");
        await listing.Qualify("beta");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);
        await listing.Accepted("beta", 1010m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value);
        var timed = await listing.Snapshot(); // converts: Jiangsu timed bidding, a 240 s countdown
        Assert.Equal(ListingStatus.TimedBidding, timed.Status);
        Assert.Empty(_sink.Warnings(listing.Id)); // the listing period's deadline is no countdown

        listing.AdvanceTo(timed.Deadline!.Value.AddSeconds(-60));
        Assert.Equal([60], _sink.Warnings(listing.Id).Select(w => w.RemainingSeconds));
        (await listing.Grain.Suspend(ListingDriver.CentreUser, "network failure")).Expect();
        listing.AdvanceTo(timed.Deadline.Value.AddSeconds(-5));
        Assert.Single(_sink.Warnings(listing.Id));
    }

    [Fact]
    public async Task The_area_bidding_countdown_after_a_cap_warns_too_and_each_area_bid_restarts_it()
    {
        var auction = ListingDriver.Create(Host, "warn-area");
        var published = await auction.Publish(auction.AuctionDefinition(countdownSeconds: 600) with { PriceCap = ListingDriver.Cap(CapMode.HousingArea) });
        await auction.Qualify("alpha");
        await auction.Qualify("beta");
        auction.AdvanceTo(published.BiddingStartsAt);
        var capQuote = await auction.Accepted("alpha", 1100m); // the cap: the area countdown (240 s) replaces the auction's

        auction.AdvanceTo(capQuote.AcceptedAt.AddSeconds(240 - 60));
        var areaBid = (await auction.AreaBid("beta", 1000m)).Expect();
        auction.AdvanceTo(areaBid.Deadline.AddSeconds(-30));

        Assert.Equal([60, 60, 30], _sink.Warnings(auction.Id).Select(w => w.RemainingSeconds));
        Assert.Equal(capQuote.AcceptedAt.AddSeconds(240), _sink.Warnings(auction.Id)[0].Deadline);
        Assert.All(_sink.Warnings(auction.Id).Skip(1), w => Assert.Equal(areaBid.Deadline, w.Deadline));
    }

    private sealed class RecordingSink : IListingEventSink
    {
        private readonly List<CountdownWarning> _warnings = [];

        public void Published(string listingId, IReadOnlyList<PublicListingEvent> events) { }

        public void CountdownWarning(CountdownWarning warning)
        {
            lock (_warnings) _warnings.Add(warning);
        }

        public IReadOnlyList<CountdownWarning> Warnings(string listingId)
        {
            lock (_warnings) return _warnings.Where(w => w.ListingId == listingId).ToArray();
        }
    }
}
