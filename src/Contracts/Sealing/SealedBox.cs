using Auction.Contracts.Common;

namespace Auction.Contracts.Sealing;

/// <summary>
/// A submission to keep sealed until its box opens (tenders, one-time quotes): <see cref="Key"/> names its submitter's
/// place (one item per key, e.g. a bidder number), <see cref="UniqueBy"/> lists values no two items may share (e.g. a
/// one-time quote's amount, DOMAIN B5), <see cref="Payload"/> is the item itself (JSON the sale's decider writes and
/// reads). The box encrypts all of it before it is stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.box-item")]
public sealed record BoxItem(
    [property: Id(0)] string Key,
    [property: Id(1)] string Payload,
    [property: Id(2)] IReadOnlyList<string> UniqueBy);

/// <summary>A sealed item as its submitter (or, after the opening, everyone) sees it: its place in the box's chain.</summary>
[GenerateSerializer, Immutable, Alias("auction.box-receipt")]
public sealed record BoxReceipt(
    [property: Id(0)] string Key,
    [property: Id(1)] string Payload,
    [property: Id(2)] DateTimeOffset SealedAt,
    [property: Id(3)] long Seq,
    [property: Id(4)] string Hash);

/// <summary>
/// The answer to a submission: the new item's receipt, or why it was not sealed — the key already holds an item
/// (<see cref="Existing"/>, so the caller can tell a replay from a second submission), or a unique value is taken by
/// another key (<see cref="TakenValue"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.box-seal-result")]
public sealed record BoxSealResult(
    [property: Id(0)] BoxReceipt? Sealed,
    [property: Id(1)] BoxReceipt? Existing = null,
    [property: Id(2)] string? TakenValue = null);

/// <summary>
/// The box as opened: every item in submission order, the chain head the opening sealed (<see cref="HeadHash"/>: the
/// hash of the last item, or the genesis hash of an empty box), when it opened.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.opened-box")]
public sealed record OpenedBox(
    [property: Id(0)] IReadOnlyList<BoxReceipt> Items,
    [property: Id(1)] string HeadHash,
    [property: Id(2)] DateTimeOffset OpenedAt);

/// <summary>
/// A sealed box (招标箱) of one sale, keyed <c>{listingId}/{box}</c>, with its own hash-chained journal stream whose items
/// are encrypted at rest. Before the opening nothing reads an item but its own submitter (<see cref="Find"/>), and
/// nothing tells how many there are; <see cref="Open"/> is once and for all (a repeat returns the first opening).
/// Only the sale's grain calls it (listing → box, never back).
/// </summary>
[Alias("auction.sealed-box")]
public interface ISealedBoxGrain : IGrainWithStringKey
{
    /// <summary>Seals <paramref name="item"/> at <paramref name="at"/> unless its key or a unique value is taken or the box is open.</summary>
    [Alias("seal")] Task<Outcome<BoxSealResult>> Seal(BoxItem item, DateTimeOffset at);

    /// <summary>The item under <paramref name="key"/> (the submitter's own receipt), or null.</summary>
    [Alias("find")] Task<Outcome<BoxReceipt?>> Find(string key);

    /// <summary>Opens the box at <paramref name="at"/> (recorded once; later calls return that opening).</summary>
    [Alias("open")] Task<Outcome<OpenedBox>> Open(DateTimeOffset at);
}
