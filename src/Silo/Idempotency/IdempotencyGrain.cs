using System.Text.Json.Serialization;
using Auction.Contracts.Idempotency;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Auction.Silo.Sealing;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Idempotency;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ResponseRecorded), "responseRecorded")]
public abstract record IdempotencyEvent;

public sealed record ResponseRecorded(IdempotentResponse Response) : IdempotencyEvent;

/// <summary>
/// Keeps the first response of a request id durably (one append at version 0: the first writer wins), with the
/// request's fingerprint as a keyed digest (<see cref="Sealer.Digest"/>).
/// </summary>
[GrainType("idempotency")]
public sealed class IdempotencyGrain(ResilientJournal store, AuctionClock clock, Sealer sealer, ILogger<IdempotencyGrain> logger)
    : EventSourcedGrain<IdempotencyEvent>(store, logger), IIdempotencyGrain
{
    private IdempotentResponse? _response;

    protected override string StreamId => $"idempotency/{this.GetPrimaryKeyString()}";

    protected override void Apply(JournalEntry entry, IdempotencyEvent evt)
    {
        if (evt is ResponseRecorded recorded) _response ??= recorded.Response;
    }

    private string Context => StreamId;

    public Task<IdempotentReplay?> Find(string fingerprint) =>
        Task.FromResult(_response is null ? null : new IdempotentReplay(_response, Matches(fingerprint)));

    public async Task<IdempotentReplay> Save(IdempotentResponse response)
    {
        if (_response is null) await Raise(clock.Now, new ResponseRecorded(response with { Fingerprint = sealer.Digest(Context, response.Fingerprint) }));
        return new IdempotentReplay(_response!, Matches(response.Fingerprint));
    }

    // Records written before fingerprints were keyed hold the plain hash.
    private bool Matches(string fingerprint) =>
        sealer.DigestMatches(Context, fingerprint, _response!.Fingerprint) || _response.Fingerprint == fingerprint;
}
