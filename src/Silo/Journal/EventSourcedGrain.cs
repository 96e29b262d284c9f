using Auction.Contracts.Records;
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

    /// <summary>The journal store, for grains that also read other streams (e.g. a listing's verification).</summary>
    protected ResilientJournal Store { get; } = store;

    /// <summary>The stream name in the journal store, e.g. <c>listing/L-123</c>.</summary>
    protected abstract string StreamId { get; }

    /// <summary>Every stored entry of this stream, in seq order (the regulator's record).</summary>
    protected IReadOnlyList<JournalEntry> Entries => _entries;

    protected long Version => _entries.Count;

    protected string HeadHash => _entries.Count == 0 ? HashChain.Genesis : _entries[^1].Hash;

    /// <summary>Folds one confirmed event into the state.</summary>
    protected abstract void Apply(JournalEntry entry, TEvent evt);

    /// <summary>
    /// Why the stored stream cannot be trusted, found on load, or null when it is intact. When the break has a seq,
    /// only the entries before it were folded.
    /// </summary>
    protected RecordBreak? Corruption { get; private set; }

    /// <summary>
    /// Whether this grain activates on a corrupted stream (keeping the entries before the break, refusing every
    /// write, and reporting the break) instead of failing its activation.
    /// </summary>
    protected virtual bool ActivatesOnCorruptedJournal => false;

    /// <summary>Checks the stored stream before it is folded; by default its hash chain. Null when it is intact.</summary>
    protected virtual Task<RecordBreak?> CheckStored(IReadOnlyList<JournalEntry> stored, CancellationToken cancellationToken) =>
        Task.FromResult(HashChain.FindBreak(stored) is { } broken
            ? new RecordBreak(VerifyReasons.ChainBroken, broken, StreamId, $"entry {broken} does not follow from the one before it (its hash, link or sequence number is wrong)")
            : null);

    /// <summary>The event as it is stored (e.g. with sealed values); what <see cref="Raise"/> serializes and hashes.</summary>
    protected virtual TEvent ToStored(TEvent evt) => evt;

    /// <summary>The stored event as the state folds it (e.g. with sealed values opened).</summary>
    protected virtual TEvent FromStored(TEvent evt) => evt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<JournalEntry> stored = await Store.ReadAsync(StreamId, 0, cancellationToken);
        if (await CheckStored(stored, cancellationToken) is { } problem)
        {
            // Never skip a bad entry silently: it is logged, and the grain either refuses to activate or runs read-only.
            Logger.LogCritical("Journal {Stream} fails verification ({Reason}, seq {Seq}, stream {Where}): {Detail}", StreamId, problem.Reason, problem.Seq, problem.Stream, problem.Detail);
            if (!ActivatesOnCorruptedJournal) throw new JournalCorruptedException(StreamId, problem.Seq ?? 0, problem.Detail);
            Corruption = problem;
            if (problem.Seq is { } seq && problem.Stream == StreamId) stored = stored.Take((int)Math.Min(seq - 1, stored.Count)).ToArray();
        }
        foreach (var entry in stored)
        {
            _entries.Add(entry);
            Apply(entry, FromStored(JournalJson.Deserialize<TEvent>(entry.Data)));
        }
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Appends the events (one atomic batch, recorded at <paramref name="at"/>) and applies them.</summary>
    protected async Task<IReadOnlyList<JournalEntry>> Raise(DateTimeOffset at, params TEvent[] events)
    {
        if (_broken) throw new StoreUnavailableException($"{StreamId}: this activation is being replaced after a failed append");
        if (Corruption is { } corrupted) throw new JournalCorruptedException(StreamId, corrupted.Seq ?? 0, "no write is accepted on a corrupted journal");
        var batch = new JournalEntry[events.Length];
        var prev = HeadHash;
        for (var i = 0; i < events.Length; i++)
        {
            var stored = ToStored(events[i]);
            batch[i] = HashChain.Seal(prev, Version + 1 + i, JournalJson.TypeName(stored), at, JournalJson.Serialize(stored));
            prev = batch[i].Hash;
        }

        try
        {
            await Store.AppendAsync(StreamId, Version, batch);
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
}
