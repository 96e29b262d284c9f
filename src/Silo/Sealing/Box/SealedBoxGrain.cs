using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Contracts.Common;
using Auction.Contracts.Sealing;
using Auction.Silo.Journal;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Sealing.Box;

/// <summary>The journal of a sealed box: items sealed (encrypted whole), then the opening.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(BoxItemSealed), "itemSealed")]
[JsonDerivedType(typeof(BoxOpenedEvent), "opened")]
public abstract record BoxEvent;

/// <summary>One item, key and values included, sealed for <c>box/{listingId}/{box}</c>; the entry's time is its submission time.</summary>
public sealed record BoxItemSealed(SealedValue Item) : BoxEvent;

/// <summary>The box opened: how many items it held and the chain head it sealed.</summary>
public sealed record BoxOpenedEvent(long Items, string HeadHash, DateTimeOffset OpenedAt) : BoxEvent;

/// <summary>
/// A sealed box (tenders 招标, one-time quotes 一次报价): its own hash-chained stream <c>box/{listingId}/{box}</c> whose
/// items are AES-256-GCM sealed at rest, so someone who reads the store before the opening learns when items arrived
/// and how many, but not whose they are or what they say (the README says what an operator with the key can do).
/// Items are opened in memory to check one item per key and unique values; nothing reads them out before the opening
/// but their own submitter. Only the sale's grain calls the box (no call back, so no cycle).
/// </summary>
[GrainType("sealed-box")]
public sealed class SealedBoxGrain(ResilientJournal store, Sealer sealer, ILogger<SealedBoxGrain> logger)
    : EventSourcedGrain<BoxEvent>(store, logger), ISealedBoxGrain
{
    private readonly List<BoxReceipt> _items = [];
    private readonly Dictionary<string, BoxReceipt> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _uniqueValues = new(StringComparer.Ordinal);
    private OpenedBox? _opened;

    public static string StreamOf(string boxKey) => $"box/{boxKey}";

    protected override string StreamId => StreamOf(this.GetPrimaryKeyString());

    /// <summary>The context every item of this box is sealed for: an item copied into another box does not open.</summary>
    private string Context => StreamId;

    protected override void Apply(JournalEntry entry, BoxEvent evt)
    {
        switch (evt)
        {
            case BoxItemSealed sealedItem:
                var item = JsonSerializer.Deserialize<BoxItem>(sealer.Open(Context, sealedItem.Item), JournalJson.Options)
                    ?? throw new JsonException("an empty box item");
                var receipt = new BoxReceipt(item.Key, item.Payload, entry.At, entry.Seq, entry.Hash);
                _items.Add(receipt);
                _byKey[item.Key] = receipt;
                foreach (var value in item.UniqueBy) _uniqueValues.TryAdd(value, item.Key);
                break;
            case BoxOpenedEvent opened:
                _opened = new OpenedBox(_items.ToArray(), opened.HeadHash, opened.OpenedAt);
                break;
        }
    }

    public async Task<Outcome<BoxSealResult>> Seal(BoxItem item, DateTimeOffset at)
    {
        if (_opened is not null) return new Rejection(RejectionCodes.BiddingClosed, "The box is opened; nothing more goes in.", ServerTime: at);
        if (_byKey.TryGetValue(item.Key, out var existing)) return Outcome<BoxSealResult>.Success(new BoxSealResult(null, Existing: existing));
        if (item.UniqueBy.FirstOrDefault(_uniqueValues.ContainsKey) is { } taken) return Outcome<BoxSealResult>.Success(new BoxSealResult(null, TakenValue: taken));
        try
        {
            var plaintext = JsonSerializer.SerializeToUtf8Bytes(item, JournalJson.Options);
            await Raise(at, new BoxItemSealed(sealer.Seal(Context, plaintext)));
            return Outcome<BoxSealResult>.Success(new BoxSealResult(_byKey[item.Key]));
        }
        catch (StoreUnavailableException ex)
        {
            return new Rejection(RejectionCodes.StoreUnavailable, $"The journal store did not confirm the sealed submission; retry with the same requestId. ({ex.Message})", ServerTime: at);
        }
    }

    public Task<Outcome<BoxReceipt?>> Find(string key) => Task.FromResult(Outcome<BoxReceipt?>.Success(_byKey.GetValueOrDefault(key)));

    public async Task<Outcome<OpenedBox>> Open(DateTimeOffset at)
    {
        if (_opened is not null) return Outcome<OpenedBox>.Success(_opened);
        try
        {
            await Raise(at, new BoxOpenedEvent(_items.Count, HeadHash, at));
            return Outcome<OpenedBox>.Success(_opened!);
        }
        catch (StoreUnavailableException ex)
        {
            return new Rejection(RejectionCodes.StoreUnavailable, $"The journal store did not confirm the opening; it is retried. ({ex.Message})", ServerTime: at);
        }
    }
}
