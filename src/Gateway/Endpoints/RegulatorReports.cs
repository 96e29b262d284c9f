using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Gateway.Http;
using Auction.Silo.Catalog;
using Auction.Silo.Compliance;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// What the regulator's reports read: the sales that ended in a period (one catalog read, then each listing's record,
/// as the awards always did), their awards, their compliance checks (with each sale's deposits, asked of its
/// registration) and the industrial price distribution. The JSON and CSV endpoints share these reads.
/// </summary>
public sealed class RegulatorReports(IGrainFactory grains, ClusterCalls calls, ComplianceChecks checks, AuctionClock clock)
{
    /// <summary>The records of the sales that ended (sold, failed, terminated) within <paramref name="range"/>, oldest end first.</summary>
    public async Task<IReadOnlyList<RegulatorRecord>> Ended(string? centre, LandUse? use, DateRange range)
    {
        var entries = await calls.Idempotent(() => grains.GetGrain<ICatalogGrain>(CatalogGrain.DefaultKey).Find(centre, null, use));
        var records = await Task.WhenAll(entries.Select(e => calls.Idempotent(() => grains.GetGrain<IListingGrain>(e.ListingId).GetRecord(withRelatedStreams: false))));
        return records.Where(r => r.IsSuccess && r.Value!.Result is not null && r.Value.Definition is not null).Select(r => r.Value!)
            .Where(r => range.Contains(r.Result!.ClosedAt))
            .OrderBy(r => r.Result!.ClosedAt).ThenBy(r => r.ListingId, StringComparer.Ordinal)
            .ToArray();
    }

    public async Task<IReadOnlyList<AwardSummary>> Awards(string? centre, LandUse? use, CloseOutcome? outcome, DateRange range) =>
        (await Ended(centre, use, range)).Select(AwardSummary.Of).Where(a => outcome is null || a.Outcome == outcome).ToArray();

    public async Task<IReadOnlyList<ComplianceReport>> Compliance(string? centre, DateRange range)
    {
        var ended = await Ended(centre, null, range);
        var deposits = await Task.WhenAll(ended.Select(r => Deposits(r.ListingId)));
        var now = clock.Now;
        return ended.Select((record, i) => ComplianceReport.Of(record, checks.For(record, deposits[i], now))).ToArray();
    }

    /// <summary>Industrial and warehouse deals (sold) as price ÷ floor.</summary>
    public async Task<PriceDistribution> IndustrialPrices(string? centre, DateRange range) =>
        IndustrialPriceDistribution.Of((await Ended(centre, null, range))
            .Select(r => DealPriceFloor.Check(r.Floor, r.Result!.Price)?.Ratio).OfType<decimal>());

    /// <summary>A sale whose deposits cannot be read still gets every check: its refund check says why it is pending.</summary>
    private async Task<Outcome<IReadOnlyList<DepositPosition>>> Deposits(string listingId)
    {
        try
        {
            return await calls.Idempotent(() => grains.GetGrain<IListingRegistrationGrain>(listingId).GetDeposits());
        }
        catch (StoreUnavailableException ex)
        {
            return new Rejection(RejectionCodes.StoreUnavailable, ex.Message);
        }
    }
}
