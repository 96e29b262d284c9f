using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Gateway.Endpoints;

namespace Auction.Web.Tests.Infrastructure;

/// <summary>A listing a test published: its id and timetable (by the server's clock).</summary>
public sealed record TestListing(string Id, string ParcelNo, DateTimeOffset OpensAt, DateTimeOffset EndsAt);

/// <summary>
/// The gateway over HTTP, as the other actors of a browser test use it: the centre publishing, the bank crediting a
/// deposit (signed with the Development bank secret), other bidders bidding. Times come from the server's clock.
/// </summary>
public sealed class Api(string baseUrl) : IDisposable
{
    public const string BankSecret = "dev-bank-secret";

    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)];

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public async Task<string> Token(string role, string subject, string? name = null, string? centre = null)
    {
        var response = await _http.PostAsJsonAsync("/api/dev/tokens", new { subject, role, name = name ?? $"{subject} Co., Ltd.", centre });
        return (await Expect(response, HttpStatusCode.OK)).GetProperty("token").GetString()!;
    }

    public async Task<DateTimeOffset> ServerNow() =>
        (await Get("/api/time")).GetProperty("serverTime").GetDateTimeOffset();

    public async Task<JsonElement> Get(string path, string? token = null) =>
        await Expect(await Send(HttpMethod.Get, path, null, token), HttpStatusCode.OK);

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body, string? token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    /// <summary>
    /// Publishes a listing of 50,000 m² that opens in <paramref name="opensIn"/> and lists for <paramref name="length"/>;
    /// applications close a minute before the end. <paramref name="change"/> edits the body (e.g. industrial terms).
    /// </summary>
    public async Task<TestListing> Publish(string centreToken, TimeSpan opensIn, TimeSpan length, Action<JsonObject>? change = null,
        decimal startingPrice = 14_500_000m, decimal increment = 100_000m, string timedStyle = "none")
    {
        var now = await ServerNow();
        var opens = now + opensIn;
        var ends = opens + length;
        var parcelNo = NewId("WEB2026");
        var body = new JsonObject
        {
            ["requestId"] = NewId("pub"),
            ["parcel"] = new JsonObject
            {
                ["parcelNo"] = parcelNo, ["location"] = "Wuzhong, Suzhou", ["countyCode"] = "320506", ["use"] = "commercial",
                ["areaM2"] = 50000, ["termYears"] = 40,
            },
            ["method"] = "listing",
            ["biddingStartsAt"] = Time(opens),
            ["biddingEndsAt"] = Time(ends),
            ["applicationDeadline"] = Time(ends.AddMinutes(-1)),
            ["depositDeadline"] = Time(ends.AddMinutes(-1)),
            ["startingPrice"] = startingPrice,
            ["increment"] = increment,
            ["deposit"] = 2_900_000m,
            ["timedBidding"] = new JsonObject { ["style"] = timedStyle },
        };
        change?.Invoke(body);
        var view = await Expect(await Send(HttpMethod.Post, "/api/listings", body, centreToken), HttpStatusCode.Created);
        return new TestListing(view.GetProperty("id").GetString()!, parcelNo, opens, ends);
    }

    /// <summary>A listing of the Suzhou centre that is open for bidding (it opens 3 s after publication) for 30 minutes.</summary>
    public async Task<TestListing> OpenListing(Action<JsonObject>? change = null)
    {
        var centre = await Token("centre", NewId("officer"), "Suzhou Land Trading Centre", "centre-sz");
        var listing = await Publish(centre, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(30), change);
        await WaitForStatus(listing.Id, "open", TimeSpan.FromSeconds(20));
        return listing;
    }

    public async Task<JsonElement> Apply(string bidderToken, string listingId) =>
        await Expect(await Send(HttpMethod.Post, $"/api/listings/{listingId}/applications", new { requestId = NewId("apply") }, bidderToken), HttpStatusCode.Created);

    /// <summary>The bank's signed credit callback, exactly as the bank sends it.</summary>
    public async Task<JsonElement> Credit(string account, decimal amount)
    {
        var creditedAt = Time(await ServerNow());
        var body = JsonSerializer.Serialize(new { account, amount, bankTxnId = NewId("txn"), creditedAt });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bank/credits") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(BankEndpoints.SignatureHeader, BankEndpoints.Sign(Encoding.UTF8.GetBytes(body), BankSecret));
        return await Expect(await _http.SendAsync(request), HttpStatusCode.OK);
    }

    /// <summary>Applies and has the bank credit the whole deposit: the bidder is qualified.</summary>
    public async Task Qualify(string bidderToken, string listingId)
    {
        var application = await Apply(bidderToken, listingId);
        await Credit(application.GetProperty("depositAccount").GetString()!, application.GetProperty("depositDue").GetDecimal());
    }

    public async Task<JsonElement> Bid(string bidderToken, string listingId, decimal amount) =>
        await Expect(await Send(HttpMethod.Post, $"/api/listings/{listingId}/bids", new { amount, requestId = NewId("bid") }, bidderToken), HttpStatusCode.Created);

    public async Task WaitForStatus(string listingId, string status, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        string? last = null;
        while (DateTime.UtcNow < until)
        {
            last = (await Get($"/api/listings/{listingId}")).GetProperty("status").GetString();
            if (last == status) return;
            await Task.Delay(250);
        }
        Assert.Fail($"listing {listingId} is {last}, not {status}, after {timeout}");
    }

    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
