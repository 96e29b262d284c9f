using Auction.Contracts.Listings;
using Auction.Gateway.Auth;
using Auction.Gateway.Http;

namespace Auction.Gateway.Endpoints;

/// <summary>Read-only views for regulators: awards with the floor check (R-REG-02), full records, record verification.</summary>
public static class RegulatorEndpoints
{
    public static RouteGroupBuilder MapRegulatorEndpoints(this RouteGroupBuilder api)
    {
        var regulator = api.MapGroup("/regulator").RequireAuthorization(AuctionAuth.RegulatorPolicy).WithTags("Regulator");

        regulator.MapGet("/awards", async (QueryTime? from, QueryTime? to, string? centre, QueryEnum<LandUse>? use, QueryEnum<CloseOutcome>? outcome, RegulatorReports reports) =>
        {
            var (range, problem) = DateRange.Of(from, to);
            return problem ?? Results.Json(await reports.Awards(centre, use?.Value, outcome?.Value, range), ApiJson.Options);
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
}
