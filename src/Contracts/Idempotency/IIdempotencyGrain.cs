namespace Auction.Contracts.Idempotency;

/// <summary>The first successful answer to a create request, replayed to every retry of the same requestId.</summary>
[GenerateSerializer, Immutable, Alias("auction.idempotent-response")]
public sealed record IdempotentResponse(
    [property: Id(0)] string Fingerprint,
    [property: Id(1)] int Status,
    [property: Id(2)] string Body,
    [property: Id(3)] string? Location);

/// <summary>A stored first response, and whether the request asking for it has the same body as the first one.</summary>
[GenerateSerializer, Immutable, Alias("auction.idempotent-replay")]
public sealed record IdempotentReplay([property: Id(0)] IdempotentResponse Response, [property: Id(1)] bool SameRequest);

/// <summary>
/// One client request id (keyed by scope, caller and requestId): remembers the first successful response so
/// a retry gets the same status and body (API.md). The engine's own idempotency (a deterministic listing
/// id, bids found by requestId in the log) makes a second execution harmless when this record was not yet
/// written; this record makes the retried answer byte-identical. The request's fingerprint is stored only as a
/// keyed digest: a body can hold a sealed value (the reserve), and a plain hash of it would give that away.
/// </summary>
[Alias("auction.idempotency")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>The stored response, compared with the request of fingerprint <paramref name="fingerprint"/>; null when none.</summary>
    [Alias("find")] Task<IdempotentReplay?> Find(string fingerprint);

    /// <summary>Stores the response unless one is stored already; returns the stored one either way.</summary>
    [Alias("save")] Task<IdempotentReplay> Save(IdempotentResponse response);
}
