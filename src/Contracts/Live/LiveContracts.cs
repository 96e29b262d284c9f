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
}

/// <summary>The gateways currently listening. Gateways renew their registration; stale ones expire.</summary>
[Alias("auction.live-registry")]
public interface ILiveGatewayRegistryGrain : IGrainWithIntegerKey
{
    [Alias("register")] Task Register(string gatewayId, ILiveEventObserver observer);
    [Alias("unregister")] Task Unregister(string gatewayId);
    [Alias("observers")] Task<IReadOnlyList<ILiveEventObserver>> GetObservers();
}
