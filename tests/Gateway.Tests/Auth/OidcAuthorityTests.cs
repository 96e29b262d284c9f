using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Auction.Gateway.Auth;
using Auction.Gateway.Tests.Infrastructure;
using Auction.TestSupport;
using Microsoft.IdentityModel.Tokens;

namespace Auction.Gateway.Tests.Auth;

/// <summary>A gateway configured against <see cref="TestAuthority"/> with an identity provider's claim names.</summary>
public sealed class OidcGateway : IAsyncLifetime
{
    public const string Audience = "land-auction-api";

    public TestAuthority Authority { get; private set; } = null!;

    public GatewayFactory Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Authority = await TestAuthority.StartAsync();
        Gateway = new GatewayFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Auction:Jwt:Authority"] = Authority.Issuer,
                ["Auction:Jwt:RequireHttpsMetadata"] = "false", // the test provider is plain http on loopback
                ["Auction:Jwt:Audience"] = Audience,
                ["Auction:Jwt:RoleClaim"] = "roles",
                ["Auction:Jwt:CentreClaim"] = "org",
                ["Auction:Jwt:NameClaim"] = "display_name",
            },
        };
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Authority.DisposeAsync();
    }
}

/// <summary>
/// Issue 8 item 2: JWT bearer against an OpenID Connect authority (discovery + JWKS), RS256 and ES256 only, with the
/// role, centre and name claims where the provider puts them; everything the provider did not sign for this API is 401.
/// </summary>
public sealed class OidcAuthorityTests(OidcGateway oidc) : IClassFixture<OidcGateway>
{
    private GatewayFactory Gateway => oidc.Gateway;
    private TestAuthority Authority => oidc.Authority;

    [Fact]
    public async Task An_RS256_token_with_the_providers_claim_names_acts_as_a_centre()
    {
        var centre = Client(Authority.Token(Claims("officer-7", roles: new[] { "centre", "offline_access" }, name: "Suzhou Land Trading Centre", org: "oidc-centre-sz"), OidcGateway.Audience));
        var api = new ApiDriver(Gateway);

        var created = await ApiDriver.Expect(await ApiDriver.PostJson(centre, "/api/listings", api.ListingBody()), HttpStatusCode.Created);
        Assert.Equal("oidc-centre-sz", created.GetProperty("centre").GetString());
        await ApiDriver.Expect(await centre.GetAsync($"/api/listings/{created.GetProperty("id").GetString()}/applications"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_ES256_token_with_a_single_string_role_acts_as_a_bidder_under_its_display_name()
    {
        var api = new ApiDriver(Gateway);
        var centre = Client(Authority.Token(Claims("officer-8", roles: new[] { "centre" }, name: "Wuxi Centre", org: "oidc-centre-wx"), OidcGateway.Audience));
        var listing = await ApiDriver.Expect(await ApiDriver.PostJson(centre, "/api/listings", api.ListingBody()), HttpStatusCode.Created);
        var id = listing.GetProperty("id").GetString();

        var bidderToken = Authority.Token(Claims("alpha-llc", roles: "bidder", name: "Alpha Land Co., Ltd."), OidcGateway.Audience,
            new SigningCredentials(Authority.EcKey, SecurityAlgorithms.EcdsaSha256));
        await ApiDriver.Expect(await ApiDriver.PostJson(Client(bidderToken), $"/api/listings/{id}/applications", new { requestId = "oidc-apply" }), HttpStatusCode.Created);

        var applications = await ApiDriver.Expect(await centre.GetAsync($"/api/listings/{id}/applications"), HttpStatusCode.OK);
        var application = Assert.Single(applications.EnumerateArray());
        Assert.Equal(("alpha-llc", "Alpha Land Co., Ltd."), (application.GetProperty("bidderId").GetString(), application.GetProperty("bidderName").GetString()));
    }

    [Fact]
    public async Task Tokens_the_authority_did_not_sign_for_this_API_are_401()
    {
        var regulator = Claims("inspector-1", roles: new[] { "regulator" }, name: "Provincial Land Inspectorate");
        Assert.Equal(HttpStatusCode.OK, (await Client(Authority.Token(regulator, OidcGateway.Audience)).GetAsync("/api/regulator/awards")).StatusCode);

        using var stranger = RSA.Create(2048);
        var refused = new Dictionary<string, string>
        {
            ["another RSA key under the authority's key id"] = Authority.Token(regulator, OidcGateway.Audience,
                new SigningCredentials(new RsaSecurityKey(stranger) { KeyId = Authority.RsaKey.KeyId }, SecurityAlgorithms.RsaSha256)),
            ["another RSA key under its own key id"] = Authority.Token(regulator, OidcGateway.Audience,
                new SigningCredentials(new RsaSecurityKey(stranger) { KeyId = "stranger" }, SecurityAlgorithms.RsaSha256)),
            ["HS256 with the development key"] = Authority.Token(regulator, OidcGateway.Audience,
                new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(JwtSettings.DevelopmentSigningKey)), SecurityAlgorithms.HmacSha256)),
            ["RS512 with the authority's key"] = Authority.Token(regulator, OidcGateway.Audience,
                new SigningCredentials(Authority.RsaKey, SecurityAlgorithms.RsaSha512)),
            ["another issuer"] = Authority.Token(regulator, OidcGateway.Audience, issuer: "http://127.0.0.1:1/realms/land"),
            ["another audience"] = Authority.Token(regulator, "some-other-api"),
            ["expired"] = Authority.Token(regulator, OidcGateway.Audience, expires: DateTime.UtcNow.AddMinutes(-5)),
            ["a dev token"] = await DevToken(),
        };
        foreach (var (what, token) in refused)
        {
            var response = await Client(token).GetAsync("/api/regulator/awards");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await ApiDriver.ExpectProblem(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }
    }

    [Fact]
    public async Task A_claim_that_only_carries_the_APIs_claim_name_is_not_a_role()
    {
        var claims = Claims("mallory", roles: new[] { "bidder" }, name: "Mallory");
        claims["role"] = "regulator"; // API.md's name, but this provider's roles are in "roles"
        var response = await Client(Authority.Token(claims, OidcGateway.Audience)).GetAsync("/api/regulator/awards");
        var problem = await ApiDriver.ExpectProblem(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("This endpoint needs the role regulator; your token has the role bidder.", problem.GetProperty("detail").GetString());
    }

    private static Dictionary<string, object> Claims(string subject, object roles, string name, string? org = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["roles"] = roles, ["display_name"] = name, ["preferred_username"] = subject };
        if (org is not null) claims["org"] = org;
        return claims;
    }

    private async Task<string> DevToken()
    {
        var response = await Gateway.CreateClient().PostAsJsonAsync("/api/dev/tokens", new { subject = "dev", role = "regulator", name = "Dev" });
        return (await ApiDriver.Expect(response, HttpStatusCode.OK)).GetProperty("token").GetString()!;
    }

    private HttpClient Client(string token)
    {
        var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
