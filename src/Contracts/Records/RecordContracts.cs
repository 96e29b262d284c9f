using Auction.Contracts.Listings;

namespace Auction.Contracts.Records;

/// <summary>
/// A signed chain head of one listing (API.md "Records, receipts and limits"). <see cref="Signature"/> is the
/// base64 of an ECDSA P-256 / SHA-256 signature in IEEE P1363 form (r ‖ s, 64 bytes) over the UTF-8 text
/// <c>{ListingId}|{Seq}|{HeadHash}|{SignedAt}</c>. <see cref="SignedAt"/> is kept as the exact text that was
/// signed: ISO 8601 UTC with a <c>Z</c> and milliseconds only when non-zero, like every API time
/// (<c>2026-12-01T09:30:00Z</c>, <c>2026-12-01T09:30:00.25Z</c>), so
/// anyone can recompute the message from the JSON without reformatting a time.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.signed-checkpoint")]
public sealed record SignedCheckpoint(
    [property: Id(0)] string ListingId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string HeadHash,
    [property: Id(3)] string SignedAt,
    [property: Id(4)] string KeyId,
    [property: Id(5)] string Signature);

/// <summary>A checkpoint verification key: <see cref="KeyId"/> = first 16 hex characters of SHA-256 of the SubjectPublicKeyInfo DER.</summary>
[GenerateSerializer, Immutable, Alias("auction.checkpoint-key")]
public sealed record CheckpointKey([property: Id(0)] string KeyId, [property: Id(1)] string PublicKeyPem);

/// <summary>The public keys that verify checkpoints: the current signing key and every retired one still trusted.</summary>
[Alias("auction.checkpoint-keys")]
public interface ICheckpointKeysGrain : IGrainWithIntegerKey
{
    [Alias("keys")] Task<IReadOnlyList<CheckpointKey>> GetKeys();
}

/// <summary>
/// Why a record does not verify (the <c>reason</c> of <c>record/verify</c> and of the offline <c>verify</c> command).
/// </summary>
public static class VerifyReasons
{
    /// <summary>An entry's hash, link to the previous entry or sequence number is wrong (<c>brokenAtSeq</c> names it).</summary>
    public const string ChainBroken = "chainBroken";

    /// <summary>The stored stream ends before the seq of its latest signed checkpoint (a deleted tail).</summary>
    public const string ShorterThanSignedHead = "shorterThanSignedHead";

    /// <summary>The hash at the signed seq is not the signed head hash (events rewritten and rehashed).</summary>
    public const string HeadMismatch = "headMismatch";

    /// <summary>The checkpoint's signature does not verify with the key it names.</summary>
    public const string SignatureInvalid = "signatureInvalid";

    /// <summary>The checkpoint names a key that is not a trusted checkpoint key.</summary>
    public const string UnknownKey = "unknownKey";

    /// <summary>The listing has events but no signed checkpoint.</summary>
    public const string NoCheckpoint = "noCheckpoint";

    /// <summary>An event's data cannot be read as an event of its stream.</summary>
    public const string UnreadableEvent = "unreadableEvent";

    /// <summary>The events fold into something the rules never produce (a falling bid, phases out of order, a bid after the close …).</summary>
    public const string InvariantViolated = "invariantViolated";

    /// <summary>The registration or deposit-account streams contradict each other or the listing's events.</summary>
    public const string RegistrationMismatch = "registrationMismatch";

    /// <summary>A sealed box's stream does not hold what the listing recorded at its opening (head, items, their times), or is missing.</summary>
    public const string BoxMismatch = "boxMismatch";
}

/// <summary>Where a record stops being trustworthy: the reason, the seq when it is one, the stream, and a sentence.</summary>
[GenerateSerializer, Immutable, Alias("auction.record-break")]
public sealed record RecordBreak(
    [property: Id(0)] string Reason,
    [property: Id(1)] long? Seq,
    [property: Id(2)] string Stream,
    [property: Id(3)] string Detail);

/// <summary>One deposit sub-account's journal stream, as the regulator's record carries it.</summary>
[GenerateSerializer, Immutable, Alias("auction.deposit-account-record")]
public sealed record DepositAccountRecord(
    [property: Id(0)] string Account,
    [property: Id(1)] IReadOnlyList<RecordEvent> Events);

/// <summary>
/// The stream of a sealed box the sale has opened (<c>box/{listingId}/{box}</c>: tenders, one-time quotes), as the regulator's
/// record carries it: its items stay ciphertext, but the chain, the times and the head the listing recorded at the opening can
/// be checked. A box that has not opened is not in the record: it is sealed from everyone, the regulator included.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.sealed-box-record")]
public sealed record SealedBoxRecord(
    [property: Id(0)] string Box,
    [property: Id(1)] IReadOnlyList<RecordEvent> Events);
