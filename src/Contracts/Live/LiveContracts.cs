using Auction.Contracts.Listings;
using Orleans.Concurrency;

namespace Auction.Contracts.Live;

/// <summary>
/// A gateway process, as the silos see it: one observer per gateway receives every listing's public events
/// once (ARCHITECTURE §5 option (b), Orleans as the backplane) and fans them out to its own connections.
/// </summary>
[Alias("auction.live-observer")]
public interface ILiveEventObserver : IGrainObserver
{
    [OneWay, Alias("on-events")] Task OnEvents(string listingId, IReadOnlyList<PublicListingEvent> events);

    [OneWay, Alias("on-countdown-warning")] Task OnCountdownWarning(CountdownWarning warning);
}

/// <summary>
/// API.md v2: sent to every watcher of a listing at the configured seconds before a countdown deadline (an online
/// auction's, timed bidding's), by the server's clock (DOMAIN J2, F7). Not a listing event: no <c>seq</c>, not in the
/// record; a client that misses one loses nothing (the deadline is in every event and view).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.countdown-warning")]
public sealed record CountdownWarning(
    [property: Id(0)] string ListingId,
    [property: Id(1)] int RemainingSeconds,
    [property: Id(2)] DateTimeOffset Deadline,
    [property: Id(3)] DateTimeOffset ServerTime);

/// <summary>The gateways currently listening. Gateways renew their registration; stale ones expire.</summary>
[Alias("auction.live-registry")]
public interface ILiveGatewayRegistryGrain : IGrainWithIntegerKey
{
    [Alias("register")] Task Register(string gatewayId, ILiveEventObserver observer);
    [Alias("unregister")] Task Unregister(string gatewayId);
    [Alias("observers")] Task<IReadOnlyList<ILiveEventObserver>> GetObservers();
}
