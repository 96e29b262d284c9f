using Auction.Contracts.Sealing;
using Auction.Silo.Journal;
using Auction.Silo.Sealing;
using Auction.Silo.Sealing.Box;

namespace Auction.Rules.Tests;

/// <summary>
/// A sealed box without Orleans, behaving as <see cref="SealedBoxGrain"/> does (one item per key, unique values, one
/// opening) and writing the same journal entries (items encrypted whole, the opening sealing the head), so the record
/// verifier can check a box stream the engine's decisions produced.
/// </summary>
internal sealed class TestBox(string listingId, string box)
{
    private readonly Sealer _sealer = Sealer.Generated();
    private readonly List<JournalEntry> _entries = [];
    private readonly List<(BoxItem Item, BoxReceipt Receipt)> _items = [];
    private OpenedBox? _opened;

    public string Name => box;

    public IReadOnlyList<JournalEntry> Entries => _entries;

    public BoxReceipt? Find(string key) => _items.FirstOrDefault(i => i.Item.Key == key).Receipt;

    public BoxSealResult Seal(BoxItem item, DateTimeOffset at)
    {
        if (_opened is not null) throw new InvalidOperationException("the box is open");
        if (Find(item.Key) is { } existing) return new BoxSealResult(null, Existing: existing);
        if (item.UniqueBy.FirstOrDefault(value => _items.Any(i => i.Item.UniqueBy.Contains(value))) is { } taken) return new BoxSealResult(null, TakenValue: taken);
        var context = SealedBoxGrain.StreamOf($"{listingId}/{box}");
        var entry = Append(at, new BoxItemSealed(_sealer.Seal(context, System.Text.Encoding.UTF8.GetBytes(JournalJson.Serialize(item)))));
        var receipt = new BoxReceipt(item.Key, item.Payload, at, entry.Seq, entry.Hash);
        _items.Add((item, receipt));
        return new BoxSealResult(receipt);
    }

    public OpenedBox Open(DateTimeOffset at)
    {
        if (_opened is not null) return _opened;
        var head = _entries.Count == 0 ? HashChain.Genesis : _entries[^1].Hash;
        Append(at, new BoxOpenedEvent(_items.Count, head, at));
        return _opened = new OpenedBox(_items.Select(i => i.Receipt).ToArray(), head, at);
    }

    private JournalEntry Append(DateTimeOffset at, BoxEvent evt)
    {
        var entry = HashChain.Seal(_entries.Count == 0 ? HashChain.Genesis : _entries[^1].Hash, _entries.Count + 1, JournalJson.TypeName(evt), at, JournalJson.Serialize(evt));
        _entries.Add(entry);
        return entry;
    }
}
