using Microsoft.Extensions.Logging;

namespace Auction.Silo.Journal;

/// <summary>
/// A grain whose state is a fold over its own hash-chained journal stream (ARCHITECTURE §3).
/// <see cref="Raise"/> appends durably first and applies to memory only after the store confirmed, so a
/// failed append never leaves an unrecorded event in state; after a failure whose outcome is unknown the
/// activation is dropped and the next one reloads what the store really holds.
/// </summary>
public abstract class EventSourcedGrain<TEvent>(ResilientJournal store, ILogger logger) : Grain where TEvent : class
{
    private readonly List<JournalEntry> _entries = [];
    private bool _broken;

    protected ILogger Logger { get; } = logger;

    /// <summary>The stream name in the journal store, e.g. <c>listing/L-123</c>.</summary>
    protected abstract string StreamId { get; }

    /// <summary>Every stored entry of this stream, in seq order (the regulator's record).</summary>
    protected IReadOnlyList<JournalEntry> Entries => _entries;

    protected long Version => _entries.Count;

    protected string HeadHash => _entries.Count == 0 ? HashChain.Genesis : _entries[^1].Hash;

    /// <summary>Folds one confirmed event into the state.</summary>
    protected abstract void Apply(JournalEntry entry, TEvent evt);

    /// <summary>The first seq that fails the hash chain on load, or null when the stored stream is intact.</summary>
    protected long? CorruptedAtSeq { get; private set; }

    /// <summary>
    /// Whether this grain activates on a corrupted stream (keeping the entries before the break, refusing every
    /// write, and reporting the break) instead of failing its activation.
    /// </summary>
    protected virtual bool ActivatesOnCorruptedJournal => false;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(StreamId, 0, cancellationToken);
        if (HashChain.FindBreak(stored) is { } broken)
        {
            // Never skip a bad entry silently: it is logged, and the grain either refuses to activate or runs read-only.
            Logger.LogCritical("Journal {Stream} fails its hash chain at seq {Seq}", StreamId, broken);
            if (!ActivatesOnCorruptedJournal) throw new JournalCorruptedException(StreamId, broken, "hash chain or sequence mismatch");
            CorruptedAtSeq = broken;
            stored = stored.Take((int)broken - 1).ToArray();
        }
        foreach (var entry in stored)
        {
            _entries.Add(entry);
            Apply(entry, JournalJson.Deserialize<TEvent>(entry.Data));
        }
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Appends the events (one atomic batch, recorded at <paramref name="at"/>) and applies them.</summary>
    protected async Task<IReadOnlyList<JournalEntry>> Raise(DateTimeOffset at, params TEvent[] events)
    {
        if (_broken) throw new StoreUnavailableException($"{StreamId}: this activation is being replaced after a failed append");
        if (CorruptedAtSeq is { } corrupted) throw new JournalCorruptedException(StreamId, corrupted, "no write is accepted on a corrupted journal");
        var batch = new JournalEntry[events.Length];
        var prev = HeadHash;
        for (var i = 0; i < events.Length; i++)
        {
            batch[i] = HashChain.Seal(prev, Version + 1 + i, JournalJson.TypeName(events[i]), at, JournalJson.Serialize(events[i]));
            prev = batch[i].Hash;
        }

        try
        {
            await store.AppendAsync(StreamId, Version, batch);
        }
        catch (Exception ex)
        {
            // Conflict (another writer) or unknown outcome: our view may be stale, so reload in a new activation.
            _broken = true;
            DeactivateOnIdle();
            Logger.LogError(ex, "Append to {Stream} at version {Version} failed", StreamId, Version);
            throw ex as StoreUnavailableException ?? new StoreUnavailableException($"The journal store did not confirm the write to {StreamId}.", ex);
        }

        for (var i = 0; i < events.Length; i++)
        {
            _entries.Add(batch[i]);
            Apply(batch[i], events[i]);
        }
        return batch;
    }

    /// <summary>Re-reads the stream from the store and recomputes its chain (what a regulator's verify does).</summary>
    protected async Task<(long Count, long? BrokenAt, string? Head)> VerifyStoredChain()
    {
        var stored = await store.ReadAsync(StreamId, 0);
        return (stored.Count, HashChain.FindBreak(stored), stored.Count == 0 ? null : stored[^1].Hash);
    }
}
