using Auction.Silo.Journal;
using Auction.Silo.Listing;

namespace Auction.Rules.Tests;

/// <summary>
/// A sale's journal written as the grain writes it, minus the store: each event sealed into the hash chain at its time
/// and folded into the state, so the record verifier can be run on exactly what the engine decided.
/// </summary>
internal sealed class RecordLog(ListingEngine engine)
{
    private readonly List<JournalEntry> _entries = [];

    public ListingState State { get; } = new();

    public IReadOnlyList<JournalEntry> Entries => _entries;

    /// <summary>Records the events that are not null (a refused command yields none).</summary>
    public void Record(DateTimeOffset at, params ListingEvent?[] events)
    {
        foreach (var evt in events.OfType<ListingEvent>())
        {
            var entry = HashChain.Seal(_entries.Count == 0 ? HashChain.Genesis : _entries[^1].Hash, _entries.Count + 1,
                JournalJson.TypeName(evt), at, JournalJson.Serialize(evt));
            State.Apply(entry, evt);
            _entries.Add(entry);
        }
    }

    /// <summary>
    /// Records every transition due by <paramref name="now"/>, as the grain's catch-up does: a sealed box whose deadline
    /// passed opens first (<paramref name="box"/> stands in for the box grain), then the timed transitions.
    /// </summary>
    public void CatchUp(DateTimeOffset now, TestBox? box = null)
    {
        while (true)
        {
            if (engine.OpeningDue(State, now) is { } opening)
            {
                var opened = (box ?? throw new InvalidOperationException($"box {opening.Box} is due but the test gave none")).Open(opening.At);
                Record(now, engine.Opened(State, opening, opened));
                continue;
            }
            if (engine.DueTransition(State, now) is not { } due) return;
            Record(now, due);
        }
    }
}
