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
[GenerateSerializer, Alias("auction.journal-conflict")]
public sealed class JournalConflictException : Exception
{
    public JournalConflictException(string streamId, long expected, long actual)
        : base($"Journal '{streamId}' is at version {actual}, not the expected {expected}.")
    {
        (StreamId, Expected, Actual) = (streamId, expected, actual);
    }

    [Id(0)] public string StreamId { get; private set; }
    [Id(1)] public long Expected { get; private set; }
    [Id(2)] public long Actual { get; private set; }
}

/// <summary>The store could not be reached or did not confirm the write: the outcome is unknown, retry with the same request id.</summary>
[GenerateSerializer, Alias("auction.store-unavailable")]
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A stored stream failed its hash-chain or sequence check on load (corruption or truncation).</summary>
[GenerateSerializer, Alias("auction.journal-corrupted")]
public sealed class JournalCorruptedException : Exception
{
    public JournalCorruptedException(string streamId, long seq, string problem)
        : base($"Journal '{streamId}' is corrupted at seq {seq}: {problem}.")
    {
        (StreamId, Seq) = (streamId, seq);
    }

    [Id(0)] public string StreamId { get; private set; }
    [Id(1)] public long Seq { get; private set; }
}
