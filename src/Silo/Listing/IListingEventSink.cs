using Auction.Contracts.Listings;

namespace Auction.Silo.Listing;

/// <summary>
/// Receives each listing's public events after they are durably recorded (ARCHITECTURE §5). Implementations
/// must return at once (queue and deliver elsewhere): a slow or dead watcher never delays a bid.
/// </summary>
public interface IListingEventSink
{
    void Published(string listingId, IReadOnlyList<PublicListingEvent> events);
}

/// <summary>The sink when nothing listens (engine-only hosts and tests).</summary>
public sealed class NoListingEventSink : IListingEventSink
{
    public void Published(string listingId, IReadOnlyList<PublicListingEvent> events) { }
}
