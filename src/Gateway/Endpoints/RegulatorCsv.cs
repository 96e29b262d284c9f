using Auction.Gateway.Http;
using Auction.Silo.Compliance;

namespace Auction.Gateway.Endpoints;

/// <summary>The columns of the regulator's two spreadsheets, one row per listing (written by <see cref="Csv"/>).</summary>
public static class RegulatorCsv
{
    public static readonly IReadOnlyList<string> AwardColumns =
    [
        "listingId", "centre", "parcelNo", "use", "outcome", "reason", "winnerBidderNo", "winnerName", "price", "startingPrice",
        "reservePrice", "floor", "floorCheck", "ratio", "closedAt", "dealMethod", "priceCap", "areaM2",
    ];

    public static IReadOnlyList<string> Award(AwardSummary a) =>
    [
        Csv.Text(a.ListingId), Csv.Text(a.Centre), Csv.Text(a.ParcelNo), Csv.Name(a.Use), Csv.Name(a.Outcome), Csv.Name(a.Reason),
        Csv.Text(a.WinnerBidderNo), Csv.Text(a.WinnerName), Csv.Number(a.Price), Csv.Number(a.StartingPrice), Csv.Number(a.ReservePrice),
        Csv.Number(a.Floor?.Total), Csv.Text(a.FloorCheck?.Status), Csv.Number(a.FloorCheck?.Ratio), Csv.Time(a.ClosedAt),
        Csv.Name(a.DealMethod), Csv.Number(a.PriceCap), Csv.Number(a.AreaM2),
    ];

    /// <summary>Which sale, then each check id's status and its detail in two columns.</summary>
    public static readonly IReadOnlyList<string> ComplianceColumns =
        ["listingId", "centre", "parcelNo", "use", "method", "outcome", "reason", "closedAt", .. CheckIds.All.SelectMany(id => new[] { id, $"{id} detail" })];

    public static IReadOnlyList<string> Compliance(ComplianceReport r) =>
    [
        Csv.Text(r.ListingId), Csv.Text(r.Centre), Csv.Text(r.ParcelNo), Csv.Name(r.Use), Csv.Name(r.Method), Csv.Name(r.Outcome), Csv.Name(r.Reason),
        Csv.Time(r.ClosedAt),
        .. CheckIds.All.SelectMany(id => r.Checks.SingleOrDefault(c => c.Rule == id) is { } c ? new[] { Csv.Name(c.Status), Csv.Text(c.Detail) } : ["", ""]),
    ];
}
