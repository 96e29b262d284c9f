using Auction.Contracts.Listings;
using Auction.Contracts.Live;
using Auction.Silo.Listing;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Live;

/// <summary>
/// The silo's <see cref="IListingEventSink"/> in cluster mode: sends each batch of public events once to every
/// registered gateway as a one-way message, so a grain never waits for a gateway. The gateway list is
/// refreshed in the background; a gateway that misses events (it just joined, or a message was lost) sees a
/// gap in <c>seq</c> and reads the missing events from the listing.
/// </summary>
public sealed class ObserverFanoutSink(IGrainFactory grains, ILogger<ObserverFanoutSink> logger) : IListingEventSink, ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private volatile IReadOnlyList<ILiveEventObserver> _observers = [];
    private readonly CancellationTokenSource _stopping = new();

    public void Published(string listingId, IReadOnlyList<PublicListingEvent> events)
    {
        foreach (var observer in _observers)
        {
            try
            {
                _ = observer.OnEvents(listingId, events);
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Live events for {Listing} not sent to a gateway", listingId);
            }
        }
    }

    public void CountdownWarning(CountdownWarning warning)
    {
        foreach (var observer in _observers)
        {
            try
            {
                _ = observer.OnCountdownWarning(warning);
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "A countdown warning for {Listing} was not sent to a gateway", warning.ListingId);
            }
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ObserverFanoutSink), ServiceLifecycleStage.Active,
            cancellationToken =>
            {
                _ = Task.Run(Refresh);
                return Task.CompletedTask;
            },
            cancellationToken => _stopping.CancelAsync());

    private async Task Refresh()
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            do
            {
                try
                {
                    _observers = await grains.GetGrain<ILiveGatewayRegistryGrain>(0).GetObservers();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not refresh the list of live gateways");
                }
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
