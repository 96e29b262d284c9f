using System.Text.Json;
using Auction.Contracts.Records;
using Auction.Silo.Journal;

namespace Auction.Silo.Records;

/// <summary>
/// A listing's signed heads, in their own append-only stream <c>checkpoint/{listingId}</c> (hash-chained like every
/// stream, never mixed into the listing's public <c>seq</c>). Owned by the listing grain, the stream's one writer.
/// </summary>
public sealed class CheckpointLog(IJournalStore store, string listingId)
{
    public const string EntryType = "checkpointSigned";
    private readonly List<JournalEntry> _entries = [];
    private bool _loaded;

    public static string StreamOf(string listingId) => $"checkpoint/{listingId}";

    public string StreamId => StreamOf(listingId);

    /// <summary>The latest signed head, or null when none was ever signed.</summary>
    public SignedCheckpoint? Latest { get; private set; }

    /// <summary>The first seq of the checkpoint stream that fails its own chain, or null.</summary>
    public long? BrokenAtSeq { get; private set; }

    public async Task Load(CancellationToken cancellationToken = default)
    {
        var stored = await store.ReadAsync(StreamId, 0, cancellationToken);
        _entries.Clear();
        _entries.AddRange(stored);
        BrokenAtSeq = HashChain.FindBreak(stored);
        Latest = null;
        if (stored.Count > 0 && BrokenAtSeq is null)
        {
            try
            {
                Latest = Read(stored[^1]);
            }
            catch (JsonException)
            {
                BrokenAtSeq = stored.Count;
            }
        }
        _loaded = true;
    }

    /// <summary>Appends a checkpoint; after a failure the stream is read again before the next append.</summary>
    public async Task Append(SignedCheckpoint checkpoint, DateTimeOffset at)
    {
        if (!_loaded) await Load();
        if (BrokenAtSeq is { } broken) throw new JournalCorruptedException(StreamId, broken, "the checkpoint stream fails its hash chain");
        var entry = HashChain.Seal(_entries.Count == 0 ? HashChain.Genesis : _entries[^1].Hash, _entries.Count + 1, EntryType, at, JournalJson.Serialize(checkpoint));
        try
        {
            await store.AppendAsync(StreamId, _entries.Count, [entry]);
        }
        catch
        {
            _loaded = false;
            throw;
        }
        _entries.Add(entry);
        Latest = checkpoint;
    }

    public static SignedCheckpoint Read(JournalEntry entry) =>
        JsonSerializer.Deserialize<SignedCheckpoint>(entry.Data, JournalJson.Options) ?? throw new JsonException("empty checkpoint");
}
