using Auction.Contracts.Listings;
using Auction.Gateway.Auth;
using Auction.Gateway.Http;
using Auction.Silo.Compliance;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// The regulator's compliance view (API.md "Regulator compliance", DOMAIN §8.6, §9.2): every check of every sale that
/// ended in a period, the industrial price ÷ floor distribution, and the awards and the checks as spreadsheets.
/// </summary>
public static class ComplianceEndpoints
{
    public static RouteGroupBuilder MapComplianceEndpoints(this RouteGroupBuilder api)
    {
        var regulator = api.MapGroup("/regulator").RequireAuthorization(AuctionAuth.RegulatorPolicy).WithTags("Regulator");

        regulator.MapGet("/compliance", async (QueryTime? from, QueryTime? to, string? centre, RegulatorReports reports) =>
        {
            var (range, problem) = DateRange.Of(from, to);
            return problem ?? Results.Json(await reports.Compliance(centre, range), ApiJson.Options);
        });

        regulator.MapGet("/industrial-prices", async (QueryTime? from, QueryTime? to, string? centre, RegulatorReports reports) =>
        {
            var (range, problem) = DateRange.Of(from, to);
            return problem ?? Results.Json(await reports.IndustrialPrices(centre, range), ApiJson.Options);
        });

        regulator.MapGet("/awards.csv", async (QueryTime? from, QueryTime? to, string? centre, QueryEnum<LandUse>? use, QueryEnum<CloseOutcome>? outcome, RegulatorReports reports) =>
        {
            var (range, problem) = DateRange.Of(from, to);
            return problem ?? Csv.File("awards.csv", RegulatorCsv.AwardColumns, (await reports.Awards(centre, use?.Value, outcome?.Value, range)).Select(RegulatorCsv.Award));
        });

        regulator.MapGet("/compliance.csv", async (QueryTime? from, QueryTime? to, string? centre, RegulatorReports reports) =>
        {
            var (range, problem) = DateRange.Of(from, to);
            return problem ?? Csv.File("compliance.csv", RegulatorCsv.ComplianceColumns, (await reports.Compliance(centre, range)).Select(RegulatorCsv.Compliance));
        });
        return api;
    }
}
