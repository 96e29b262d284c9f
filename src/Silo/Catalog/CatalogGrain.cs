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

    /// <summary>Listing ids in page order. <c>biddingStartsAt</c> comes from the publication and never changes.</summary>
    private readonly SortedSet<(DateTimeOffset StartsAt, string ListingId)> _order = new(PageOrder.Instance);

    protected override string StreamId => $"catalog/{this.GetPrimaryKeyString()}";

    protected override void Apply(JournalEntry entry, CatalogEvent evt)
    {
        if (evt is not CatalogEntryRecorded recorded) return;
        if (_entries.TryGetValue(recorded.Entry.ListingId, out var earlier)) _order.Remove((earlier.BiddingStartsAt, earlier.ListingId));
        _entries[recorded.Entry.ListingId] = recorded.Entry;
        _order.Add((recorded.Entry.BiddingStartsAt, recorded.Entry.ListingId));
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

    public Task<CatalogPage> Page(CatalogQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, 1000);
        var page = new List<CatalogEntry>(limit);
        var more = false;
        foreach (var key in After(query.After))
        {
            var e = _entries[key.ListingId];
            if ((query.CentreId is not null && e.CentreId != query.CentreId) || (query.Use is not null && e.Use != query.Use)
                || (query.Status is { } status && !CatalogCandidates.MayBe(e, status, query.Now)))
                continue;
            if (page.Count == limit)
            {
                more = true;
                break;
            }
            page.Add(e);
        }
        return Task.FromResult(new CatalogPage(page, more));
    }

    /// <summary>The ids strictly after <paramref name="position"/> (which need not be in the catalog).</summary>
    private IEnumerable<(DateTimeOffset StartsAt, string ListingId)> After(CatalogPosition? position)
    {
        if (position is null) return _order;
        var start = (position.BiddingStartsAt, position.ListingId);
        if (_order.Count == 0 || PageOrder.Instance.Compare(start, _order.Max) >= 0) return [];
        return _order.GetViewBetween(start, _order.Max).SkipWhile(key => PageOrder.Instance.Compare(key, start) == 0);
    }

    private sealed class PageOrder : IComparer<(DateTimeOffset StartsAt, string ListingId)>
    {
        public static readonly PageOrder Instance = new();

        public int Compare((DateTimeOffset StartsAt, string ListingId) x, (DateTimeOffset StartsAt, string ListingId) y)
        {
            var byStart = x.StartsAt.UtcTicks.CompareTo(y.StartsAt.UtcTicks);
            return byStart != 0 ? byStart : string.CompareOrdinal(x.ListingId, y.ListingId);
        }
    }
}
