using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Gateway.Http;
using Auction.Silo.Rules;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// <c>GET /api/industrial-floor</c>: the national industrial land minimum price for a grade, category and area, by the
/// same rule publication applies (<see cref="IndustrialFloor"/>), so the centre's form previews the floor without a
/// copy of the table in the browser.
/// </summary>
public static class FloorEndpoints
{
    public static RouteGroupBuilder MapFloorEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/industrial-floor", (int? landGrade, QueryEnum<IndustrialCategory>? industrialCategory, decimal? areaM2) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (landGrade is not (>= 1 and <= IndustrialFloor.LowestGrade)) errors["landGrade"] = [$"must be a whole number from 1 to {IndustrialFloor.LowestGrade}"];
            if (areaM2 is not { } area || area <= 0 || area > PublicationRules.MaxAreaM2 || decimal.Round(area, 2) != area)
                errors["areaM2"] = [$"must be greater than 0 and at most {PublicationRules.MaxAreaM2:0} m², with at most 2 decimals"];
            if (errors.Count > 0) return Problems.Result(Rejection.Validation(errors));
            var floor = IndustrialFloor.Compute(landGrade!.Value, industrialCategory?.Value ?? IndustrialCategory.Normal, areaM2!.Value);
            return Results.Json(floor, ApiJson.Options);
        }).AllowAnonymous().WithTags("Public");
        return api;
    }
}
