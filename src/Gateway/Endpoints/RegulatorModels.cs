using System.Text.Json.Serialization;
using Auction.Contracts.Listings;
using Auction.Silo.Compliance;

namespace Auction.Gateway.Endpoints;

/// <summary>How many checks of a sale came out each way.</summary>
public sealed record ComplianceSummary(int Pass, int Fail, int Pending, int NotApplicable);

/// <summary>
/// One closed sale of <c>GET /api/regulator/compliance</c> (API.md "Regulator compliance"): which sale, how it ended, and
/// <c>checks: [{ rule, status, detail }]</c> for every check id of "v2 details pinned", with a count per status.
/// </summary>
public sealed record ComplianceReport(
    string ListingId, string Centre, string ParcelNo, LandUse Use, GrantMethod Method, CloseOutcome Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FailureReason? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DealMethod? DealMethod,
    DateTimeOffset ClosedAt, ComplianceSummary Summary, IReadOnlyList<ComplianceCheck> Checks)
{
    public static ComplianceReport Of(RegulatorRecord record, IReadOnlyList<ComplianceCheck> checks)
    {
        var d = record.Definition!;
        var result = record.Result!;
        int Count(CheckStatus status) => checks.Count(c => c.Status == status);
        return new ComplianceReport(d.ListingId, d.CentreId, d.Parcel.ParcelNo, d.Parcel.Use, d.Method, result.Outcome, result.Reason, result.DealMethod,
            result.ClosedAt, new ComplianceSummary(Count(CheckStatus.Pass), Count(CheckStatus.Fail), Count(CheckStatus.Pending), Count(CheckStatus.NotApplicable)), checks);
    }
}
