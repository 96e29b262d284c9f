using Auction.Contracts.Listings;
using Auction.Gateway.Auth;
using Auction.Gateway.Http;
using Auction.Silo.Catalog;

namespace Auction.Gateway.Endpoints;

/// <summary>Read-only views for regulators: awards with the floor check (R-REG-02), full records, chain verification.</summary>
public static class RegulatorEndpoints
{
    public static RouteGroupBuilder MapRegulatorEndpoints(this RouteGroupBuilder api)
    {
        var regulator = api.MapGroup("/regulator").RequireAuthorization(AuctionAuth.RegulatorPolicy).WithTags("Regulator");

        regulator.MapGet("/awards", async (QueryTime? from, QueryTime? to, string? centre, QueryEnum<LandUse>? use, QueryEnum<CloseOutcome>? outcome, IGrainFactory grains, ClusterCalls calls) =>
        {
            var entries = await calls.Idempotent(() => grains.GetGrain<ICatalogGrain>(CatalogGrain.DefaultKey).Find(centre, null, use?.Value));
            var records = await Task.WhenAll(entries.Select(e => calls.Idempotent(() => grains.GetGrain<IListingGrain>(e.ListingId).GetRecord())));
            var awards = records.Where(r => r.IsSuccess && r.Value!.Result is not null).Select(r => Summary(r.Value!))
                .Where(a => (from is null || a.ClosedAt >= from) && (to is null || a.ClosedAt <= to)
                    && (outcome is null || a.Outcome == outcome.Value.Value))
                .OrderBy(a => a.ClosedAt);
            return Results.Json(awards, ApiJson.Options);
        });

        regulator.MapGet("/listings/{id}/record", async (string id, IGrainFactory grains, ClusterCalls calls) =>
            PublicEndpoints.Respond(await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetRecord())));

        regulator.MapGet("/listings/{id}/record/verify", async (string id, IGrainFactory grains, ClusterCalls calls) =>
        {
            var outcome = await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).VerifyRecord());
            if (!outcome.IsSuccess) return Problems.Result(outcome.Rejection!);
            var v = outcome.Value!;
            return v.Valid
                ? Results.Json(new { valid = true, events = v.Events, headHash = v.HeadHash }, ApiJson.Options)
                : Results.Json(new { valid = false, brokenAtSeq = v.BrokenAtSeq }, ApiJson.Options);
        });
        return api;
    }

    /// <summary>R-REG-02: the price against the floor, with the ratio deal / floor.</summary>
    private static AwardSummary Summary(RegulatorRecord record)
    {
        var d = record.Definition;
        var result = record.Result!;
        var check = record.Floor is { } floor
            ? new FloorCheck(floor.Total, result.Price, result.Price is not { } price || price >= floor.Total,
                result.Price is { } p ? decimal.Round(p / floor.Total, 4) : null)
            : null;
        // Enums are spelled by the API's JSON options (camelCase), like everywhere else.
        return new AwardSummary(d.ListingId, d.CentreId, d.Parcel.ParcelNo, d.Parcel.Use, result.Outcome, result.Reason,
            result.WinnerBidderNo, result.WinnerName, result.Price, d.StartingPrice, record.ReservePrice, record.Floor, check, result.ClosedAt);
    }
}
