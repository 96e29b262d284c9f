using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Gateway.Auth;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auction.Gateway.Tests.BadInput;

/// <summary>
/// The real state the bad-request corpus is replayed against: one published commercial listing with a sealed
/// reserve, two applicants (A qualified, B still awaiting the deposit), bidding open and one accepted bid by A.
/// Built once per gateway (the collection fixture is shared) and reused by every case.
/// </summary>
public sealed class BadInputScenario
{
    public const string CentreId = "badinput-centre";
    public const string OtherCentreId = "badinput-other-centre";
    public const decimal StartingPrice = 1_000_000m;
    public const decimal Increment = 10_000m;
    public const decimal Deposit = 200_000m;
    public const decimal FirstBid = 1_000_000m;
    public const string UnknownListingId = "L00000000deadbeef";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (GatewayFactory Factory, BadInputScenario Scenario)? _cached;

    public required GatewayFactory Factory { get; init; }
    public required string ListingId { get; init; }
    public required string ListingRequestId { get; init; }
    public required JsonObject ListingBody { get; init; }
    public required string FirstBidRequestId { get; init; }
    public required string AccountA { get; init; }
    public required string AccountB { get; init; }

    public required string CentreToken { get; init; }
    public required string OtherCentreToken { get; init; }
    public required string BidderAToken { get; init; }
    public required string BidderBToken { get; init; }
    public required string StrangerToken { get; init; }
    public required string RegulatorToken { get; init; }
    public required string ExpiredToken { get; init; }
    public required string ForgedToken { get; init; }
    public required string WrongAudienceToken { get; init; }
    public required string CentreWithoutCentreClaimToken { get; init; }

    public string Listing => $"/api/listings/{ListingId}";
    public static string Unknown => $"/api/listings/{UnknownListingId}";

    public static async Task<BadInputScenario> For(GatewayFactory factory)
    {
        await Gate.WaitAsync();
        try
        {
            if (_cached is { } cached && ReferenceEquals(cached.Factory, factory)) return cached.Scenario;
            var scenario = await Create(factory);
            _cached = (factory, scenario);
            return scenario;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<BadInputScenario> Create(GatewayFactory factory)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var centreToken = await factory.Token("centre", $"bi-clerk-{run}", CentreId);
        var bidderA = await factory.Token("bidder", $"bi-bidder-a-{run}");
        var bidderB = await factory.Token("bidder", $"bi-bidder-b-{run}");

        var now = factory.Now;
        var startsAt = now.AddDays(1);
        var requestId = $"bi-listing-{run}";
        var body = new JsonObject
        {
            ["requestId"] = requestId,
            ["parcel"] = new JsonObject
            {
                ["parcelNo"] = $"BI-{run}",
                ["location"] = "Bad input test parcel",
                ["countyCode"] = "320585",
                ["use"] = "commercial",
                ["areaM2"] = 20000,
                ["termYears"] = 40,
            },
            ["biddingStartsAt"] = startsAt.ToString("O"),
            ["biddingEndsAt"] = now.AddDays(20).ToString("O"),
            ["startingPrice"] = StartingPrice,
            ["increment"] = Increment,
            ["deposit"] = Deposit,
            ["reservePrice"] = 1_500_000m,
        };

        using var centre = Authorized(factory, centreToken);
        var published = await centre.PostAsJsonAsync("/api/listings", body);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var listingId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var accountA = await Apply(factory, bidderA, listingId, $"bi-apply-a-{run}");
        var accountB = await Apply(factory, bidderB, listingId, $"bi-apply-b-{run}");
        var credit = await factory.BankCredit(accountA, Deposit, $"bi-txn-{run}", factory.Now);
        Assert.Equal(HttpStatusCode.OK, credit.StatusCode);

        factory.AdvanceTo(startsAt.AddMinutes(1));
        using var a = Authorized(factory, bidderA);
        var bidRequestId = $"bi-bid-{run}";
        var bid = await a.PostAsJsonAsync($"/api/listings/{listingId}/bids", new { amount = FirstBid, requestId = bidRequestId });
        Assert.Equal(HttpStatusCode.Created, bid.StatusCode);

        var jwt = factory.Services.GetRequiredService<JwtSettings>();
        var systemNow = DateTime.UtcNow;
        return new BadInputScenario
        {
            Factory = factory,
            ListingId = listingId,
            ListingRequestId = requestId,
            ListingBody = body,
            FirstBidRequestId = bidRequestId,
            AccountA = accountA,
            AccountB = accountB,
            CentreToken = centreToken,
            OtherCentreToken = await factory.Token("centre", $"bi-other-clerk-{run}", OtherCentreId),
            BidderAToken = bidderA,
            BidderBToken = bidderB,
            StrangerToken = await factory.Token("bidder", $"bi-stranger-{run}"),
            RegulatorToken = await factory.Token("regulator", $"bi-regulator-{run}"),
            // Right key, issuer and audience, but it expired an hour ago (far beyond the 30 s clock skew).
            ExpiredToken = Jwt(jwt.Key, jwt.Issuer, jwt.Audience, $"bi-bidder-a-{run}", "bidder", null,
                systemNow.AddHours(-3), systemNow.AddHours(-1)),
            // Well-formed, unexpired, right issuer and audience, but signed with a key the gateway does not know.
            ForgedToken = Jwt(new SymmetricSecurityKey("forged-signing-key-0123456789abcdef-forged-key"u8.ToArray()),
                jwt.Issuer, jwt.Audience, $"bi-bidder-a-{run}", "bidder", null, systemNow.AddMinutes(-5), systemNow.AddHours(1)),
            WrongAudienceToken = Jwt(jwt.Key, jwt.Issuer, "someone-else", $"bi-bidder-a-{run}", "bidder", null,
                systemNow.AddMinutes(-5), systemNow.AddHours(1)),
            // Role centre, validly signed, but without the centre claim the centre policy requires.
            CentreWithoutCentreClaimToken = Jwt(jwt.Key, jwt.Issuer, jwt.Audience, $"bi-clerk-{run}", "centre", null,
                systemNow.AddMinutes(-5), systemNow.AddHours(1)),
        };
    }

    private static async Task<string> Apply(GatewayFactory factory, string token, string listingId, string requestId)
    {
        using var client = Authorized(factory, token);
        var response = await client.PostAsJsonAsync($"/api/listings/{listingId}/applications", new { requestId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("depositAccount").GetString()!;
    }

    private static HttpClient Authorized(GatewayFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Jwt(SecurityKey key, string issuer, string audience, string subject, string role, string? centre,
        DateTime notBefore, DateTime expires)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role, ["name"] = subject };
        if (centre is not null) claims["centre"] = centre;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// Everything a bad request must leave untouched, as comparable JSON text (<c>serverTime</c> removed): the
    /// listing view, the listing count, the public events and bids, the centre's applications, each applicant's
    /// own application, and the listing's and registration's journal streams.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> Capture()
    {
        using var anonymous = Factory.CreateClient();
        using var centre = Authorized(Factory, CentreToken);
        using var a = Authorized(Factory, BidderAToken);
        using var b = Authorized(Factory, BidderBToken);
        var listingCount = await CountListings(anonymous);
        var store = Factory.Store;
        return new Dictionary<string, string>
        {
            ["view"] = await ReadText(anonymous, Listing),
            ["listingCount"] = listingCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["events"] = await ReadText(anonymous, $"{Listing}/events"),
            ["bids"] = await ReadText(anonymous, $"{Listing}/bids"),
            ["applications"] = await ReadText(centre, $"{Listing}/applications"),
            ["mineA"] = await ReadText(a, $"{Listing}/applications/mine"),
            ["mineB"] = await ReadText(b, $"{Listing}/applications/mine"),
            ["listingJournal"] = (await store.ReadAsync($"listing/{ListingId}", 0)).Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["registrationJournal"] = (await store.ReadAsync($"registration/{ListingId}", 0)).Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>All listings, page by page (<c>GET /api/listings</c> is paged).</summary>
    private static async Task<int> CountListings(HttpClient client)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var page = await Read(client, "/api/listings?limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            count += page["items"]!.AsArray().Count;
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return count;
    }

    private static async Task<string> ReadText(HttpClient client, string path) => (await Read(client, path)).ToJsonString();

    private static async Task<JsonNode> Read(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        StripServerTime(node);
        return node;
    }

    private static void StripServerTime(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("serverTime");
                foreach (var (_, child) in obj) StripServerTime(child);
                break;
            case JsonArray array:
                foreach (var child in array) StripServerTime(child);
                break;
        }
    }
}
