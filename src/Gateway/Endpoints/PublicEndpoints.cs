using Auction.Contracts.Listings;
using Auction.Gateway.Http;
using Auction.Silo.Catalog;
using Auction.Silo.Hosting;

namespace Auction.Gateway.Endpoints;

/// <summary>Anonymous reads: listings, the public bid log and events, results, server time.</summary>
public static class PublicEndpoints
{
    public const int MaxPage = 500;

    public static RouteGroupBuilder MapPublicEndpoints(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("").AllowAnonymous().WithTags("Public");

        open.MapGet("/listings/{id}", async (string id, IGrainFactory grains) =>
            Respond(await grains.GetGrain<IListingGrain>(id).GetSnapshot()));

        open.MapGet("/listings", async (ListingStatus? status, LandUse? use, string? centre, IGrainFactory grains) =>
        {
            // The catalog narrows the set; each listing answers for itself, so status follows server time.
            var entries = await grains.GetGrain<ICatalogGrain>(CatalogGrain.DefaultKey).Find(centre, null, use);
            var views = await Task.WhenAll(entries.Select(e => grains.GetGrain<IListingGrain>(e.ListingId).GetSnapshot()));
            return Results.Json(views.Where(v => v.IsSuccess).Select(v => v.Value!).Where(v => status is null || v.Status == status), ApiJson.Options);
        });

        open.MapGet("/listings/{id}/bids", async (string id, long? afterSeq, int? limit, IGrainFactory grains) =>
            Respond(await grains.GetGrain<IListingGrain>(id).GetBids(afterSeq ?? 0, Page(limit))));

        open.MapGet("/listings/{id}/events", async (string id, long? afterSeq, int? limit, IGrainFactory grains) =>
            Respond(await grains.GetGrain<IListingGrain>(id).GetEvents(afterSeq ?? 0, Page(limit))));

        open.MapGet("/listings/{id}/result", async (string id, IGrainFactory grains) =>
        {
            var outcome = await grains.GetGrain<IListingGrain>(id).GetResult();
            if (!outcome.IsSuccess) return Problems.Result(outcome.Rejection!);
            var r = outcome.Value!;
            return Results.Json(new
            {
                outcome = r.Outcome, reason = r.Reason, winnerBidderNo = r.WinnerBidderNo, winnerName = r.WinnerName,
                price = r.Price, closedAt = r.ClosedAt, seq = r.Seq,
            }, ApiJson.Options);
        });

        open.MapGet("/time", (AuctionClock clock, HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-store";
            return Results.Json(new { serverTime = clock.Now }, ApiJson.Options);
        });
        return api;
    }

    private static int Page(int? limit) => Math.Clamp(limit ?? MaxPage, 1, MaxPage);

    public static IResult Respond<T>(Auction.Contracts.Common.Outcome<T> outcome) =>
        outcome.IsSuccess ? Results.Json(outcome.Value, ApiJson.Options) : Problems.Result(outcome.Rejection!);
}
