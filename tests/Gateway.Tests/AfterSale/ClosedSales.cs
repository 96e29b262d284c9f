using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.AfterSale;

/// <summary>A listing that has ended over HTTP: its centre, the two qualified bidders (alpha bid, or nobody did) and their sub-accounts.</summary>
public sealed record ClosedSale(PublishedListing Listing, Party Centre, Party Alpha, Party Beta, string AlphaAccount, string BetaAccount, JsonElement Result)
{
    public string Id => Listing.Id;
    public DateTimeOffset ClosedAt => Result.GetProperty("closedAt").GetDateTimeOffset();
}

public static class ClosedSales
{
    /// <summary>
    /// Publishes a listing (the test body: opens in 1 h, lists 2 h, deposit 100), qualifies alpha and beta, lets alpha bid
    /// when <paramref name="sold"/>, and moves the fake clock to the listing deadline, where it closes by the listing rule.
    /// </summary>
    public static async Task<ClosedSale> Run(ApiDriver api, bool sold, Action<JsonObject>? change = null)
    {
        var centre = await api.Centre();
        var body = api.ListingBody();
        change?.Invoke(body);
        var listing = await api.Publish(centre, body);
        var alpha = await api.Bidder("alpha");
        var beta = await api.Bidder("beta");
        await api.Qualify(alpha, listing.Id);
        await api.Qualify(beta, listing.Id);
        api.Factory.AdvanceTo(listing.StartsAt);
        if (sold) await api.Accepted(alpha, listing.Id, body["startingPrice"]!.GetValue<decimal>());
        api.Factory.AdvanceTo(listing.EndsAt);
        var result = await api.Get($"/api/listings/{listing.Id}/result");
        return new ClosedSale(listing, centre, alpha, beta,
            (await api.Mine(alpha, listing.Id)).GetProperty("depositAccount").GetString()!,
            (await api.Mine(beta, listing.Id)).GetProperty("depositAccount").GetString()!, result);
    }

    /// <summary>The deposits view as <paramref name="reader"/> sees it (must be 200).</summary>
    public static async Task<JsonElement[]> Deposits(ClosedSale sale, Party reader) =>
        (await ApiDriver.Expect(await reader.Client.GetAsync($"/api/listings/{sale.Id}/deposits"), HttpStatusCode.OK)).EnumerateArray().ToArray();

    public static JsonElement Row(JsonElement[] deposits, string bidderNo) => deposits.Single(d => d.GetProperty("bidderNo").GetString() == bidderNo);
}
