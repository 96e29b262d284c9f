using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Auction.Gateway.Auth;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auction.Gateway.Tests.Flows;

/// <summary>API.md "Auth": who may call what (401 without a valid token, 403 for the wrong role or another centre's listing).</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthAndOwnershipTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Without_a_token_centre_bidder_and_regulator_endpoints_are_401_UNAUTHENTICATED()
    {
        var listing = await _api.Publish(await _api.Centre());
        foreach (var request in ProtectedRequests(listing.Id))
            await ApiDriver.ExpectProblem(await _api.Anonymous.SendAsync(request()), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_forged_token_signed_with_another_key_is_401_UNAUTHENTICATED()
    {
        var listing = await _api.Publish(await _api.Centre());
        var settings = factory.Services.GetRequiredService<JwtSettings>();
        var forgedKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("an-attacker-key-that-is-long-enough-0123456789"));
        var now = DateTime.UtcNow;
        var forged = Sign(settings, forgedKey, "regulator", now.AddMinutes(-1), now.AddHours(1));

        foreach (var request in ProtectedRequests(listing.Id))
            await ApiDriver.ExpectProblem(await Send(request(), forged), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        // The same claims signed with the gateway's key pass, so it is the signature that was refused.
        var genuine = Sign(settings, settings.Key, "regulator", now.AddMinutes(-1), now.AddHours(1));
        await ApiDriver.Expect(await Send(new HttpRequestMessage(HttpMethod.Get, "/api/regulator/awards"), genuine), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Validated_tokens_are_remembered_and_a_remembered_token_still_authorizes_only_its_role()
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.NotEmpty(options.TokenHandlers);
        Assert.All(options.TokenHandlers, handler => Assert.IsType<CachingTokenHandler>(handler));

        // The same regulator token, many times over: still a regulator, still not a centre.
        var listing = await _api.Publish(await _api.Centre());
        var settings = factory.Services.GetRequiredService<JwtSettings>();
        var now = DateTime.UtcNow;
        var regulator = Sign(settings, settings.Key, "regulator", now.AddMinutes(-1), now.AddHours(1));
        for (var i = 0; i < 3; i++)
        {
            await ApiDriver.Expect(await Send(new HttpRequestMessage(HttpMethod.Get, "/api/regulator/awards"), regulator), HttpStatusCode.OK);
            await ApiDriver.ExpectProblem(await Send(new HttpRequestMessage(HttpMethod.Get, $"/api/listings/{listing.Id}/applications"), regulator),
                HttpStatusCode.Forbidden, "FORBIDDEN");
        }
    }

    [Fact]
    public async Task An_expired_token_is_401_UNAUTHENTICATED()
    {
        var listing = await _api.Publish(await _api.Centre());
        var settings = factory.Services.GetRequiredService<JwtSettings>();
        var expired = Sign(settings, settings.Key, "regulator", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2020, 1, 1, 8, 0, 0, DateTimeKind.Utc));

        var problem = await ApiDriver.ExpectProblem(await Send(new HttpRequestMessage(HttpMethod.Get, "/api/regulator/awards"), expired), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Contains("Expired", problem.GetProperty("detail").GetString());
        await ApiDriver.ExpectProblem(await Send(new HttpRequestMessage(HttpMethod.Get, $"/api/regulator/listings/{listing.Id}/record"), expired), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_bidder_cannot_publish_or_manage_listings_403_FORBIDDEN()
    {
        var listing = await _api.Publish(await _api.Centre());
        var bidder = await _api.Bidder();
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(bidder.Client, "/api/listings", _api.ListingBody()), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(bidder.Client, $"/api/listings/{listing.Id}/reserve", new { reservePrice = 2000m }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(bidder.Client, $"/api/listings/{listing.Id}/terminate", new { reason = "mine now" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await bidder.Client.GetAsync($"/api/listings/{listing.Id}/applications"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await bidder.Client.GetAsync("/api/regulator/awards"), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("announced", (await _api.Listing(listing.Id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_centre_cannot_apply_or_bid_403_FORBIDDEN()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        factory.AdvanceTo(listing.StartsAt);
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, $"/api/listings/{listing.Id}/applications", new { requestId = "c-apply" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, $"/api/listings/{listing.Id}/bids", new { amount = 1000m, requestId = "c-bid" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await centre.Client.GetAsync($"/api/listings/{listing.Id}/applications/mine"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await centre.Client.GetAsync("/api/regulator/awards"), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal(0, (await _api.Listing(listing.Id)).GetProperty("bidCount").GetInt32());
    }

    [Fact]
    public async Task A_regulator_may_only_read_403_FORBIDDEN_for_every_command()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        var regulator = await _api.Regulator();

        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(regulator.Client, "/api/listings", _api.ListingBody()), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(regulator.Client, $"/api/listings/{listing.Id}/reserve", new { reservePrice = 2000m }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(regulator.Client, $"/api/listings/{listing.Id}/suspend", new { reason = "audit" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(regulator.Client, $"/api/listings/{listing.Id}/terminate", new { reason = "audit" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(regulator.Client, $"/api/listings/{listing.Id}/applications", new { requestId = "r-apply" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(regulator.Client, $"/api/listings/{listing.Id}/bids", new { amount = 1000m, requestId = "r-bid" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await regulator.Client.GetAsync($"/api/listings/{listing.Id}/applications"), HttpStatusCode.Forbidden, "FORBIDDEN");

        // Reading is what a regulator does.
        await ApiDriver.Expect(await regulator.Client.GetAsync("/api/regulator/awards"), HttpStatusCode.OK);
        var record = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{listing.Id}/record"), HttpStatusCode.OK);
        Assert.Equal("announced", record.GetProperty("status").GetString());
        await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{listing.Id}/record/verify"), HttpStatusCode.OK);
        var view = await _api.Listing(listing.Id);
        Assert.False(view.GetProperty("hasReserve").GetBoolean());
        Assert.Equal(1, view.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task A_centre_cannot_manage_or_inspect_another_centres_listing_403_NOT_LISTING_OWNER()
    {
        var owner = await _api.Centre();
        var other = await _api.Centre();
        var listing = await _api.Publish(owner);
        var bidder = await _api.Bidder();
        await _api.Apply(bidder, listing.Id);
        var url = $"/api/listings/{listing.Id}";

        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(other.Client, $"{url}/reserve", new { reservePrice = 2000m }), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(other.Client, $"{url}/suspend", new { reason = "not mine" }), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(other.Client, $"{url}/resume", new { }), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(other.Client, $"{url}/terminate", new { reason = "not mine" }), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        var denied = await ApiDriver.ExpectProblem(await other.Client.GetAsync($"{url}/applications"), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        Assert.DoesNotContain(bidder.Subject, denied.GetRawText());

        // Nothing changed, and the owner still can do all of it.
        var view = await _api.Listing(listing.Id);
        Assert.Equal(("announced", false, 1L), (view.GetProperty("status").GetString(), view.GetProperty("hasReserve").GetBoolean(), view.GetProperty("seq").GetInt64()));
        var applications = await ApiDriver.Expect(await owner.Client.GetAsync($"{url}/applications"), HttpStatusCode.OK);
        var application = Assert.Single(applications.EnumerateArray());
        Assert.Equal(bidder.Subject, application.GetProperty("bidderId").GetString());
        Assert.Equal(bidder.Name, application.GetProperty("bidderName").GetString());
        Assert.Equal("awaitingDeposit", application.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await ApiDriver.PostJson(owner.Client, $"{url}/reserve", new { reservePrice = 2000m })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiDriver.PostJson(owner.Client, $"{url}/suspend", new { reason = "power failure" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiDriver.PostJson(owner.Client, $"{url}/resume", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiDriver.PostJson(owner.Client, $"{url}/terminate", new { reason = "withdrawn" })).StatusCode);
    }

    [Fact]
    public async Task A_bidder_sees_only_its_own_application_and_another_bidder_gets_404_APPLICATION_NOT_FOUND()
    {
        var listing = await _api.Publish(await _api.Centre());
        var alpha = await _api.Bidder("alpha");
        var beta = await _api.Bidder("beta");
        var applied = await _api.Apply(alpha, listing.Id);

        var mine = await _api.Mine(alpha, listing.Id);
        Assert.Equal(applied.GetProperty("applicationId").GetString(), mine.GetProperty("applicationId").GetString());
        var problem = await ApiDriver.ExpectProblem(await beta.Client.GetAsync($"/api/listings/{listing.Id}/applications/mine"), HttpStatusCode.NotFound, "APPLICATION_NOT_FOUND");
        Assert.DoesNotContain(applied.GetProperty("applicationId").GetString()!, problem.GetRawText());
        Assert.DoesNotContain(applied.GetProperty("depositAccount").GetString()!, problem.GetRawText());

        // Once beta applies it sees its own application, never alpha's.
        var betaApplied = await _api.Apply(beta, listing.Id);
        var betaMine = await _api.Mine(beta, listing.Id);
        Assert.Equal(betaApplied.GetProperty("applicationId").GetString(), betaMine.GetProperty("applicationId").GetString());
        Assert.NotEqual(applied.GetProperty("applicationId").GetString(), betaMine.GetProperty("applicationId").GetString());
        Assert.DoesNotContain(alpha.Subject, betaMine.GetRawText());
    }

    [Fact]
    public async Task Listing_views_bids_events_results_and_time_are_readable_anonymously()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        var bidder = await _api.Bidder();
        var bidderNo = await _api.Qualify(bidder, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        await _api.Accepted(bidder, listing.Id, 1000m);

        Assert.Equal(listing.Id, (await _api.Listing(listing.Id)).GetProperty("id").GetString());
        Assert.Contains(await _api.Listings($"centre={centre.Centre}"), v => v.GetProperty("id").GetString() == listing.Id);
        Assert.Contains(await _api.Listings($"centre={centre.Centre}&status=open&use=commercial"), v => v.GetProperty("id").GetString() == listing.Id);
        Assert.Empty(await _api.Listings($"centre={centre.Centre}&status=sold"));
        var bid = Assert.Single((await _api.Get($"/api/listings/{listing.Id}/bids")).EnumerateArray());
        Assert.Equal(bidderNo, bid.GetProperty("bidderNo").GetString());
        Assert.NotEmpty(await _api.Events(listing.Id));
        await ApiDriver.Expect(await _api.Anonymous.GetAsync("/api/time"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await ApiDriver.PostJson(centre.Client, $"/api/listings/{listing.Id}/terminate", new { reason = "withdrawn" })).StatusCode);
        Assert.Equal("terminated", (await _api.Get($"/api/listings/{listing.Id}/result")).GetProperty("reason").GetString());
    }

    /// <summary>One request per protected area: centre commands and reads, bidder commands and reads, regulator reads.</summary>
    private static IEnumerable<Func<HttpRequestMessage>> ProtectedRequests(string listingId) =>
    [
        () => Post("/api/listings", "{}"),
        () => Post($"/api/listings/{listingId}/reserve", """{"reservePrice":2000}"""),
        () => Post($"/api/listings/{listingId}/terminate", """{"reason":"x"}"""),
        () => new HttpRequestMessage(HttpMethod.Get, $"/api/listings/{listingId}/applications"),
        () => Post($"/api/listings/{listingId}/applications", """{"requestId":"a-1"}"""),
        () => new HttpRequestMessage(HttpMethod.Get, $"/api/listings/{listingId}/applications/mine"),
        () => Post($"/api/listings/{listingId}/bids", """{"amount":1000,"requestId":"b-1"}"""),
        () => new HttpRequestMessage(HttpMethod.Get, "/api/regulator/awards"),
        () => new HttpRequestMessage(HttpMethod.Get, $"/api/regulator/listings/{listingId}/record"),
        () => new HttpRequestMessage(HttpMethod.Get, $"/api/regulator/listings/{listingId}/record/verify"),
    ];

    private static HttpRequestMessage Post(string url, string json) =>
        new(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private Task<HttpResponseMessage> Send(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _api.Anonymous.SendAsync(request);
    }

    private static string Sign(JwtSettings settings, SecurityKey key, string role, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "intruder", ["role"] = role, ["name"] = "Intruder Ltd." },
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
}
