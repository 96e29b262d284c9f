using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Gateway.Http;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// Anonymous anchors of the records (API.md "Records, receipts and limits"): each listing's latest signed chain
/// head, and the public keys that verify it, so anyone can keep a head and later hold the record against it.
/// </summary>
public static class RecordEndpoints
{
    public static RouteGroupBuilder MapRecordEndpoints(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("").AllowAnonymous().WithTags("Records");

        open.MapGet("/listings/{id}/checkpoint", async (string id, IGrainFactory grains, ClusterCalls calls) =>
            PublicEndpoints.Respond(await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetCheckpoint())));

        open.MapGet("/checkpoint-keys", async (IGrainFactory grains, ClusterCalls calls) =>
            Results.Json(await calls.Idempotent(() => grains.GetGrain<ICheckpointKeysGrain>(0).GetKeys()), ApiJson.Options));
        return api;
    }
}
