using Auction.Contracts.Listings;
using Auction.Gateway.Auth;
using Auction.Gateway.Http;
using Auction.Silo.Catalog;

namespace Auction.Gateway.Endpoints;

/// <summary>Read-only views for regulators: awards with the floor check (R-REG-02), full records, record verification.</summary>
public static class RegulatorEndpoints
{
    public static RouteGroupBuilder MapRegulatorEndpoints(this RouteGroupBuilder api)
    {
        var regulator = api.MapGroup("/regulator").RequireAuthorization(AuctionAuth.RegulatorPolicy).WithTags("Regulator");

        regulator.MapGet("/awards", async (QueryTime? from, QueryTime? to, string? centre, QueryEnum<LandUse>? use, QueryEnum<CloseOutcome>? outcome, IGrainFactory grains, ClusterCalls calls) =>
        {
            var entries = await calls.Idempotent(() => grains.GetGrain<ICatalogGrain>(CatalogGrain.DefaultKey).Find(centre, null, use?.Value));
            var records = await Task.WhenAll(entries.Select(e => calls.Idempotent(() => grains.GetGrain<IListingGrain>(e.ListingId).GetRecord(withRelatedStreams: false))));
            var awards = records.Where(r => r.IsSuccess && r.Value!.Result is not null && r.Value.Definition is not null).Select(r => Summary(r.Value!))
                .Where(a => (from is null || a.ClosedAt >= from) && (to is null || a.ClosedAt <= to)
                    && (outcome is null || a.Outcome == outcome.Value.Value))
                .OrderBy(a => a.ClosedAt);
            return Results.Json(awards, ApiJson.Options);
        });

        // The complete record, with what an offline `verify` needs; a damaged journal is shown up to its break.
        regulator.MapGet("/listings/{id}/record", async (string id, IGrainFactory grains, ClusterCalls calls) =>
            PublicEndpoints.Respond(await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetRecord(withRelatedStreams: true))));

        regulator.MapGet("/listings/{id}/record/verify", async (string id, IGrainFactory grains, ClusterCalls calls) =>
        {
            var outcome = await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).VerifyRecord());
            return outcome.IsSuccess ? Results.Json(VerifyBody(outcome.Value!), ApiJson.Options) : Problems.Result(outcome.Rejection!);
        });
        return api;
    }

    /// <summary>
    /// API.md record/verify: <c>{ valid, events, headHash, signedSeq, signatureValid }</c>, and when invalid also
    /// <c>reason</c>, <c>brokenAtSeq</c> (when the break is at a seq), the <c>stream</c> it is in, and a <c>detail</c>.
    /// </summary>
    public static Dictionary<string, object?> VerifyBody(ChainVerification v)
    {
        var body = new Dictionary<string, object?>
        {
            ["valid"] = v.Valid, ["events"] = v.Events, ["headHash"] = v.HeadHash, ["signedSeq"] = v.SignedSeq, ["signatureValid"] = v.SignatureValid,
        };
        if (v.Valid) return body;
        body["reason"] = v.Reason;
        if (v.BrokenAtSeq is { } seq) body["brokenAtSeq"] = seq;
        body["stream"] = v.Stream;
        body["detail"] = v.Detail;
        return body;
    }

    /// <summary>
    /// R-REG-02: the price against the floor, with the ratio deal / floor. A failed sale has no deal price, so its check
    /// is <c>notApplicable</c> (<c>passed</c> null), never a pass.
    /// </summary>
    private static AwardSummary Summary(RegulatorRecord record)
    {
        var d = record.Definition!;
        var result = record.Result!;
        var check = record.Floor is { } floor
            ? result.Price is { } price
                ? new FloorCheck(floor.Total, price, price >= floor.Total, decimal.Round(price / floor.Total, 4), price >= floor.Total ? FloorCheck.Pass : FloorCheck.Fail)
                : new FloorCheck(floor.Total, null, null, null, FloorCheck.NotApplicable)
            : null;
        // Enums are spelled by the API's JSON options (camelCase), like everywhere else.
        return new AwardSummary(d.ListingId, d.CentreId, d.Parcel.ParcelNo, d.Parcel.Use, result.Outcome, result.Reason,
            result.WinnerBidderNo, result.WinnerName, result.Price, d.StartingPrice, record.ReservePrice, record.Floor, check, result.ClosedAt,
            result.DealMethod, d.PriceCap?.Amount, result.AreaM2);
    }
}
