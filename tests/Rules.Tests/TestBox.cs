using System.Text.Json;
using Auction.Contracts.Sealing;
using Auction.Silo.Journal;
using Auction.Silo.Methods;
using Auction.Silo.Sealing;
using Auction.Silo.Sealing.Box;

namespace Auction.Rules.Tests;

/// <summary>
/// A sealed box as <see cref="SealedBoxGrain"/> keeps it, minus Orleans: each item sealed (AES-GCM) into its own hash
/// chain with the grain's event types, one item per key, the submitter's own receipt, one opening with the head it sealed.
/// Its <see cref="Entries"/> are what the record verifier reads as the box's stream.
/// </summary>
internal sealed class TestBox(string listingId, string box)
{
    private static readonly Sealer Sealer = Sealer.Generated();
    private readonly List<JournalEntry> _entries = [];
    private readonly List<BoxReceipt> _items = [];
    private OpenedBox? _opened;

    public IReadOnlyList<JournalEntry> Entries => _entries;

    public string Stream => SealedBoxGrain.StreamOf(SealedBoxes.KeyOf(listingId, box));

    public BoxSealResult Seal(BoxItem item, DateTimeOffset at)
    {
        Assert.Null(_opened);
        if (Find(item.Key) is { } existing) return new BoxSealResult(null, Existing: existing);
        var entry = Append(at, new BoxItemSealed(Sealer.Seal(Stream, JsonSerializer.SerializeToUtf8Bytes(item, JournalJson.Options))));
        var receipt = new BoxReceipt(item.Key, item.Payload, at, entry.Seq, entry.Hash);
        _items.Add(receipt);
        return new BoxSealResult(receipt);
    }

    public BoxReceipt? Find(string key) => _items.FirstOrDefault(i => i.Key == key);

    public OpenedBox Open(DateTimeOffset at)
    {
        if (_opened is not null) return _opened;
        var head = _entries.Count == 0 ? HashChain.Genesis : _entries[^1].Hash;
        Append(at, new BoxOpenedEvent(_items.Count, head, at));
        return _opened = new OpenedBox(_items.ToArray(), head, at);
    }

    private JournalEntry Append(DateTimeOffset at, BoxEvent evt)
    {
        var entry = HashChain.Seal(_entries.Count == 0 ? HashChain.Genesis : _entries[^1].Hash, _entries.Count + 1, JournalJson.TypeName(evt), at, JournalJson.Serialize(evt));
        _entries.Add(entry);
        return entry;
    }
}
