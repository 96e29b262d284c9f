namespace Auction.Silo.Journal;

/// <summary>
/// The append-only event store behind every grain (ARCHITECTURE §3–4). An append is durable when the task
/// completes; it succeeds only if the stream's last seq equals <c>expectedSeq</c>, else it throws
/// <see cref="JournalConflictException"/> and writes nothing. Implementations: in-memory (tests, now);
/// SQLite and Redis come with the durable-cluster work.
/// </summary>
public interface IJournalStore
{
    /// <summary>Entries with seq &gt; <paramref name="afterSeq"/>, in order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(string streamId, long afterSeq, CancellationToken cancellationToken = default);

    /// <summary>Appends <paramref name="entries"/> (seq expectedSeq+1 …) atomically, all or nothing.</summary>
    Task AppendAsync(string streamId, long expectedSeq, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default);
}
