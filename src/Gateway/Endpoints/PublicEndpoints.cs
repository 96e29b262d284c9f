using Auction.Contracts.Listings;
using Auction.Gateway.Http;
using Auction.Silo.Hosting;

namespace Auction.Gateway.Endpoints;

/// <summary>Anonymous reads: listings, the public bid log and events, results, server time.</summary>
public static class PublicEndpoints
{
    public const int MaxPage = 500;

    public static RouteGroupBuilder MapPublicEndpoints(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("").AllowAnonymous().WithTags("Public");

        open.MapGet("/listings/{id}", async (string id, IGrainFactory grains, ClusterCalls calls) =>
            Respond(await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetSnapshot())));

        open.MapGet("/listings", (QueryEnum<ListingStatus>? status, QueryEnum<LandUse>? use, string? centre, string? limit, string? cursor,
                IGrainFactory grains, ClusterCalls calls, AuctionClock clock) =>
            ListingPages.List(status?.Value, use?.Value, centre, limit, cursor, grains, calls, clock));

        open.MapGet("/listings/{id}/bids", async (string id, long? afterSeq, int? limit, IGrainFactory grains, ClusterCalls calls) =>
            PageProblem(afterSeq, limit) ?? Respond(await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetBids(afterSeq ?? 0, Page(limit)))));

        open.MapGet("/listings/{id}/events", async (string id, long? afterSeq, int? limit, IGrainFactory grains, ClusterCalls calls) =>
            PageProblem(afterSeq, limit) ?? Respond(await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetEvents(afterSeq ?? 0, Page(limit)))));

        open.MapGet("/listings/{id}/result", async (string id, IGrainFactory grains, ClusterCalls calls) =>
            Respond(await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetResult())));

        open.MapGet("/time", (AuctionClock clock, HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-store";
            return Results.Json(new { serverTime = clock.Now }, ApiJson.Options);
        });
        return api;
    }

    private static int Page(int? limit) => Math.Clamp(limit ?? MaxPage, 1, MaxPage);

    /// <summary>A negative <c>afterSeq</c> or a <c>limit</c> below 1 is refused (422); a limit above the page size is capped.</summary>
    private static IResult? PageProblem(long? afterSeq, int? limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (afterSeq < 0) errors["afterSeq"] = ["must be 0 or greater"];
        if (limit < 1) errors["limit"] = [$"must be 1..{MaxPage} (larger values are capped at {MaxPage})"];
        return errors.Count == 0 ? null : Problems.Result(Auction.Contracts.Common.Rejection.Validation(errors));
    }

    public static IResult Respond<T>(Auction.Contracts.Common.Outcome<T> outcome) =>
        outcome.IsSuccess ? Results.Json(outcome.Value, ApiJson.Options) : Problems.Result(outcome.Rejection!);
}
