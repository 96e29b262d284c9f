using System.Text.Json.Serialization;
using Auction.Contracts.Idempotency;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Idempotency;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ResponseRecorded), "responseRecorded")]
public abstract record IdempotencyEvent;

public sealed record ResponseRecorded(IdempotentResponse Response) : IdempotencyEvent;

/// <summary>Keeps the first response of a request id durably (one append at version 0: the first writer wins).</summary>
[GrainType("idempotency")]
public sealed class IdempotencyGrain(ResilientJournal store, AuctionClock clock, ILogger<IdempotencyGrain> logger)
    : EventSourcedGrain<IdempotencyEvent>(store, logger), IIdempotencyGrain
{
    private IdempotentResponse? _response;

    protected override string StreamId => $"idempotency/{this.GetPrimaryKeyString()}";

    protected override void Apply(JournalEntry entry, IdempotencyEvent evt)
    {
        if (evt is ResponseRecorded recorded) _response ??= recorded.Response;
    }

    public Task<IdempotentResponse?> Get() => Task.FromResult(_response);

    public async Task<IdempotentResponse> Save(IdempotentResponse response)
    {
        if (_response is null) await Raise(clock.Now, new ResponseRecorded(response));
        return _response!;
    }
}
