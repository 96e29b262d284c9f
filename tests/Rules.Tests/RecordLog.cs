using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Methods;
using Auction.Silo.Methods.Tender;

namespace Auction.Rules.Tests;

/// <summary>
/// A sale's journal written as the grain writes it, minus the store: each event sealed into the hash chain at its time
/// and folded into the state, so the record verifier can be run on exactly what the engine decided. The sale's sealed
/// boxes are <see cref="TestBox"/>es, sealed into and opened as the grain does.
/// </summary>
internal sealed class RecordLog(ListingEngine engine)
{
    private readonly List<JournalEntry> _entries = [];
    private readonly List<ListingEvent> _events = [];
    private readonly Dictionary<string, TestBox> _boxes = new(StringComparer.Ordinal);

    public ListingState State { get; } = new();

    public IReadOnlyList<JournalEntry> Entries => _entries;

    /// <summary>The events of <see cref="Entries"/>, as decided (the reserve opened).</summary>
    public IReadOnlyList<ListingEvent> Events => _events;

    /// <summary>The streams of the boxes the sale has opened, by box name (what a full record carries: an unopened box stays out).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> BoxStreams =>
        _boxes.Where(b => State.OpenedBoxes.Any(o => o.Box == b.Key)).ToDictionary(b => b.Key, b => b.Value.Entries, StringComparer.Ordinal);

    public TestBox Box(string name) =>
        _boxes.TryGetValue(name, out var box) ? box : _boxes[name] = new TestBox(State.Definition!.ListingId, name);

    /// <summary>Records the events that are not null (a refused command yields none).</summary>
    public void Record(DateTimeOffset at, params ListingEvent?[] events)
    {
        foreach (var evt in events.OfType<ListingEvent>())
        {
            var entry = HashChain.Seal(_entries.Count == 0 ? HashChain.Genesis : _entries[^1].Hash, _entries.Count + 1,
                JournalJson.TypeName(evt), at, JournalJson.Serialize(evt));
            State.Apply(entry, evt);
            _entries.Add(entry);
            _events.Add(evt);
        }
    }

    /// <summary>Records every transition due by <paramref name="now"/>, as the grain's catch-up does: a due box opens first.</summary>
    public void CatchUp(DateTimeOffset now)
    {
        while (true)
        {
            if (engine.OpeningDue(State, now) is { } opening)
            {
                Record(now, engine.Opened(State, opening, Box(opening.Box).Open(opening.At)));
                continue;
            }
            if (engine.DueTransition(State, now) is not { } due) return;
            Record(now, due);
        }
    }

    /// <summary>A tender as the grain submits it: the bidder's earlier item, the decision, then the item sealed with a fresh salt.</summary>
    public (TenderReceipt? Receipt, Contracts.Common.Rejection? Rejection) Tender(SubmitTender command, DateTimeOffset at)
    {
        CatchUp(at);
        var existing = engine.TenderPlace(State, command.BidderId) is { } place ? Box(place.Box).Find(place.Key) : null;
        var decision = engine.Tender(State, command, existing, at);
        if (decision.ToSeal is not { } toSeal) return (decision.Replay, decision.Rejection);
        var sealedItem = Box(toSeal.Box).Seal(toSeal.Item(State.Definition!.ListingId, TenderCommitment.NewSalt()), at).Sealed!;
        return (engine.TenderReceipt(State, sealedItem), null);
    }
}
