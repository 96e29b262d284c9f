using System.Text.Json.Serialization;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Catalog;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(CatalogEntryRecorded), "entryRecorded")]
public abstract record CatalogEvent;

public sealed record CatalogEntryRecorded(CatalogEntry Entry) : CatalogEvent;

/// <summary>
/// The index of listings by centre and status. Listings report their status changes here (never bids);
/// the catalog never calls a listing, so there is no call cycle.
/// </summary>
[GrainType("catalog")]
public sealed class CatalogGrain(ResilientJournal store, ILogger<CatalogGrain> logger)
    : EventSourcedGrain<CatalogEvent>(store, logger), ICatalogGrain
{
    public const string DefaultKey = "all";

    private readonly Dictionary<string, CatalogEntry> _entries = new(StringComparer.Ordinal);

    protected override string StreamId => $"catalog/{this.GetPrimaryKeyString()}";

    protected override void Apply(JournalEntry entry, CatalogEvent evt)
    {
        if (evt is CatalogEntryRecorded recorded) _entries[recorded.Entry.ListingId] = recorded.Entry;
    }

    public async Task Upsert(CatalogEntry entry)
    {
        // Out-of-order reports (retries) never move an entry back in time.
        if (_entries.TryGetValue(entry.ListingId, out var known) && (known with { UpdatedAt = entry.UpdatedAt }) == entry) return;
        if (known is not null && known.UpdatedAt > entry.UpdatedAt) return;
        await Raise(entry.UpdatedAt, new CatalogEntryRecorded(entry));
    }

    public Task<IReadOnlyList<CatalogEntry>> Find(string? centreId, ListingStatus? status, LandUse? use)
    {
        IReadOnlyList<CatalogEntry> found = _entries.Values
            .Where(e => (centreId is null || e.CentreId == centreId) && (status is null || e.Status == status) && (use is null || e.Use == use))
            .OrderBy(e => e.BiddingEndsAt).ThenBy(e => e.ListingId, StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult(found);
    }
}
