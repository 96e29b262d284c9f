using Auction.Contracts.Listings;
using Auction.Silo.Catalog;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Hosting;

/// <summary>
/// After the silo becomes active, wakes every listing that has not ended, so its deadline timer and reminder
/// run again after a restart (the embedded default keeps reminders in memory). A listing whose deadline
/// passed while the process was down records its transitions with their effective times on wake-up.
/// </summary>
public sealed class ListingRecovery(IGrainFactory grains, ILogger<ListingRecovery> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly ListingStatus[] Ended = [ListingStatus.Sold, ListingStatus.Failed, ListingStatus.Terminated];

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ListingRecovery), ServiceLifecycleStage.Active, cancellationToken =>
        {
            _ = Task.Run(WakeOpenListings);
            return Task.CompletedTask;
        });

    private async Task WakeOpenListings()
    {
        try
        {
            var entries = await grains.GetGrain<ICatalogGrain>(CatalogGrain.DefaultKey).Find(null, null, null);
            var open = entries.Where(e => !Ended.Contains(e.Status)).ToArray();
            foreach (var entry in open) await grains.GetGrain<IListingGrain>(entry.ListingId).GetSnapshot();
            if (open.Length > 0) logger.LogInformation("Woke {Count} open listings after start", open.Length);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Waking open listings failed; each wakes on its next request or reminder");
        }
    }
}
