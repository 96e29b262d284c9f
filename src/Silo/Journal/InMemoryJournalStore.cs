using System.Collections.Concurrent;

namespace Auction.Silo.Journal;

/// <summary>A process-local journal store: correct (atomic, version-checked) but not durable across processes.</summary>
public sealed class InMemoryJournalStore : IJournalStore
{
    private readonly ConcurrentDictionary<string, List<JournalEntry>> _streams = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(string streamId, long afterSeq, CancellationToken cancellationToken = default)
    {
        var stream = _streams.GetOrAdd(streamId, _ => []);
        lock (stream)
        {
            IReadOnlyList<JournalEntry> result = stream.Where(e => e.Seq > afterSeq).ToArray();
            return Task.FromResult(result);
        }
    }

    public Task AppendAsync(string streamId, long expectedSeq, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalValidation.CheckBatch(streamId, expectedSeq, entries);
        var stream = _streams.GetOrAdd(streamId, _ => []);
        lock (stream)
        {
            if (stream.Count != expectedSeq) throw new JournalConflictException(streamId, expectedSeq, stream.Count);
            stream.AddRange(entries);
        }
        return Task.CompletedTask;
    }

    /// <summary>Test hook: replaces one stored entry, to show that tampering is detected.</summary>
    internal void TamperForTest(string streamId, long seq, Func<JournalEntry, JournalEntry> change)
    {
        var stream = _streams[streamId];
        lock (stream) stream[(int)seq - 1] = change(stream[(int)seq - 1]);
    }

    /// <summary>Test hook: every stream's entries, to search all stored data.</summary>
    internal IReadOnlyList<JournalEntry> AllEntriesForTest() =>
        _streams.Values.SelectMany(stream => { lock (stream) return stream.ToArray(); }).ToArray();

    /// <summary>Test hook: replaces a whole stored stream (a deleted tail, a rewritten and rehashed history).</summary>
    internal void ReplaceForTest(string streamId, IReadOnlyList<JournalEntry> entries)
    {
        var stream = _streams.GetOrAdd(streamId, _ => []);
        lock (stream)
        {
            stream.Clear();
            stream.AddRange(entries);
        }
    }
}

/// <summary>Checks every store applies before it writes a batch.</summary>
public static class JournalValidation
{
    public static void CheckBatch(string streamId, long expectedSeq, IReadOnlyList<JournalEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (entries.Count == 0) throw new ArgumentException("an append needs at least one entry", nameof(entries));
        for (var i = 0; i < entries.Count; i++)
            if (entries[i].Seq != expectedSeq + 1 + i)
                throw new ArgumentException($"entry {i} has seq {entries[i].Seq}, expected {expectedSeq + 1 + i}", nameof(entries));
    }
}
