using Auction.Contracts.Listings;
using Auction.Contracts.Live;

namespace Auction.Silo.Listing;

/// <summary>
/// Receives each listing's public events after they are durably recorded (ARCHITECTURE §5). Implementations
/// must return at once (queue and deliver elsewhere): a slow or dead watcher never delays a bid.
/// </summary>
public interface IListingEventSink
{
    void Published(string listingId, IReadOnlyList<PublicListingEvent> events);

    /// <summary>A countdown is this close to its deadline (not an event: nothing is recorded).</summary>
    void CountdownWarning(CountdownWarning warning);
}

/// <summary>The sink when nothing listens (engine-only hosts and tests).</summary>
public sealed class NoListingEventSink : IListingEventSink
{
    public void Published(string listingId, IReadOnlyList<PublicListingEvent> events) { }

    public void CountdownWarning(CountdownWarning warning) { }
}
