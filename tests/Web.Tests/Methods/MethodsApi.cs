using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Web.Tests.Infrastructure;

namespace Auction.Web.Tests.Methods;

/// <summary>
/// What the tests of auctions, tenders and caps need besides <see cref="Api"/>: publications of each method with short
/// windows by the server's clock (the gateway under test runs on real time), and the bidders' own commands.
/// </summary>
public static class MethodsApi
{
    public static Task<string> Centre(this Api api) => api.Token("centre", Api.NewId("officer"), "Suzhou Land Trading Centre", "centre-sz");

    /// <summary>An auction that starts in <paramref name="startsIn"/>; applications close at the start.</summary>
    public static async Task<TestListing> PublishAuction(this Api api, string centre, TimeSpan startsIn, string mode, int countdownSeconds = 60, JsonObject? priceCap = null)
    {
        var starts = await api.ServerNow() + startsIn;
        return await api.Publish(centre, startsIn, TimeSpan.Zero, body =>
        {
            body["method"] = "auction";
            body.Remove("biddingEndsAt");
            body.Remove("timedBidding");
            body["biddingStartsAt"] = Api.Time(starts);
            body["applicationDeadline"] = Api.Time(starts);
            body["depositDeadline"] = Api.Time(starts);
            body["auction"] = new JsonObject { ["mode"] = mode, ["countdownSeconds"] = countdownSeconds, ["minBidders"] = 1 };
            if (priceCap is not null) body["priceCap"] = priceCap;
        });
    }

    /// <summary>A price tender whose box opens in 2 s and is opened <paramref name="length"/> later.</summary>
    public static Task<TestListing> PublishTender(this Api api, string centre, TimeSpan length, int minTenderers) =>
        api.Publish(centre, TimeSpan.FromSeconds(2), length, body =>
        {
            body["method"] = "tender";
            body.Remove("timedBidding");
            body["applicationDeadline"] = body["biddingEndsAt"]!.DeepClone();
            body["depositDeadline"] = body["biddingEndsAt"]!.DeepClone();
            body["tender"] = new JsonObject { ["evaluation"] = "highestPrice", ["minTenderers"] = minTenderers };
        });

    /// <summary>A listing with a price cap, open in 2 s for <paramref name="length"/>; applications close at the end.</summary>
    public static Task<TestListing> PublishCappedListing(this Api api, string centre, TimeSpan length, JsonObject priceCap) =>
        api.Publish(centre, TimeSpan.FromSeconds(2), length, body =>
        {
            body["applicationDeadline"] = body["biddingEndsAt"]!.DeepClone();
            body["depositDeadline"] = body["biddingEndsAt"]!.DeepClone();
            body["priceCap"] = priceCap;
        });

    public static async Task<JsonElement> Post(this Api api, string token, string path, object body, HttpStatusCode status = HttpStatusCode.Created) =>
        await Api.Expect(await api.Send(HttpMethod.Post, path, body, token), status);

    /// <summary>A bidder: a token and a qualification on <paramref name="listingId"/>.</summary>
    public static async Task<string> QualifiedBidder(this Api api, string listingId, string name)
    {
        var token = await api.Token("bidder", Api.NewId("b"), name);
        await api.Qualify(token, listingId);
        return token;
    }

    /// <summary>The server's time in China time as a datetime-local value with seconds (what the publish form reads).</summary>
    /// <remarks>Chromium writes a whole minute without its seconds; Playwright's fill refuses a value the input rewrites.</remarks>
    public static string ChinaInput(DateTimeOffset at)
    {
        var china = at.ToOffset(TimeSpan.FromHours(8));
        return china.ToString(china.Second == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
