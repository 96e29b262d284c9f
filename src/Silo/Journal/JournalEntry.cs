namespace Auction.Silo.Journal;

/// <summary>
/// One stored event of a stream: gapless <see cref="Seq"/> from 1, the event <see cref="Type"/>, the server
/// time it was recorded, its canonical JSON <see cref="Data"/>, and the SHA-256 chain
/// <c>Hash = SHA-256(PrevHash ‖ canonical bytes)</c> (ARCHITECTURE §3). Stored exactly as hashed.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.journal-entry")]
public sealed record JournalEntry(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Data,
    [property: Id(4)] string PrevHash,
    [property: Id(5)] string Hash);

/// <summary>The append was refused because the stream is no longer at the expected version (another writer won).</summary>
public sealed class JournalConflictException(string streamId, long expected, long actual)
    : Exception($"Journal '{streamId}' is at version {actual}, not the expected {expected}.")
{
    public string StreamId { get; } = streamId;
    public long Expected { get; } = expected;
    public long Actual { get; } = actual;
}

/// <summary>The store could not be reached or did not confirm the write: the outcome is unknown, retry with the same request id.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A stored stream failed its hash-chain or sequence check on load (corruption or truncation).</summary>
public sealed class JournalCorruptedException(string streamId, long seq, string problem)
    : Exception($"Journal '{streamId}' is corrupted at seq {seq}: {problem}.")
{
    public string StreamId { get; } = streamId;
    public long Seq { get; } = seq;
}
