using System.Security.Claims;
using Auction.Gateway.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auction.Gateway.Tests.Auth;

/// <summary>How an identity provider's claims become API.md's (<see cref="CallerClaims"/>), from real token claims.</summary>
public sealed class CallerClaimsTests
{
    [Fact]
    public void Default_names_pass_through()
    {
        var user = Canonical(new() { ["sub"] = "u1", ["role"] = "centre", ["name"] = "Centre One", ["centre"] = "c-1" }, new JwtSettings());
        Assert.Equal(("u1", "Centre One", "c-1"), (user.Subject(), user.DisplayName(), user.CentreId()));
        Assert.True(user.IsInRole("centre"));
    }

    [Fact]
    public void A_role_may_be_a_string_or_an_array()
    {
        var settings = new JwtSettings { RoleClaim = "roles" };
        Assert.True(Canonical(new() { ["sub"] = "u", ["roles"] = "bidder" }, settings).IsInRole("bidder"));
        var many = Canonical(new() { ["sub"] = "u", ["roles"] = new[] { "uma_authorization", "bidder" } }, settings);
        Assert.True(many.IsInRole("bidder"));
        Assert.Equal(["uma_authorization", "bidder"], many.FindAll(CallerClaims.Role).Select(c => c.Value));
    }

    [Fact]
    public void A_dotted_path_reads_Keycloak_realm_roles_inside_a_JSON_claim()
    {
        var settings = new JwtSettings { RoleClaim = "realm_access.roles", CentreClaim = "org.id", NameClaim = "given_name" };
        var user = Canonical(new()
        {
            ["sub"] = "u",
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "default-roles-land", "regulator" } },
            ["org"] = new Dictionary<string, object> { ["id"] = "ignored-for-regulators" },
            ["given_name"] = "Inspector Wang",
        }, settings);
        Assert.True(user.IsInRole("regulator"));
        Assert.Equal(("Inspector Wang", "ignored-for-regulators"), (user.DisplayName(), user.CentreId()));
    }

    [Fact]
    public void Claims_under_the_APIs_names_are_dropped_when_the_provider_uses_other_names()
    {
        var settings = new JwtSettings { RoleClaim = "roles", NameClaim = "display_name", CentreClaim = "org" };
        var user = Canonical(new() { ["sub"] = "u", ["roles"] = "bidder", ["role"] = "regulator", ["centre"] = "c-evil", ["name"] = "Fake" }, settings);
        Assert.False(user.IsInRole("regulator"));
        Assert.Null(user.CentreId());
        Assert.Equal("u", user.DisplayName()); // no display_name: the subject
    }

    /// <summary>The claims exactly as the JWT handler gives them for a token with this payload.</summary>
    private static ClaimsPrincipal Canonical(Dictionary<string, object> payload, JwtSettings settings)
    {
        var key = new SymmetricSecurityKey(new byte[32]);
        var token = new JsonWebToken(new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = payload,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        }));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(token.Claims, "Bearer", settings.NameClaim, settings.RoleClaim));
        return CallerClaims.Canonical(principal, settings);
    }
}
