using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auction.Gateway.Tests.Infrastructure;

/// <summary>
/// A tiny OpenID Connect identity provider on loopback (Keycloak-shaped paths): it serves its discovery document and
/// its JWKS (one RSA and one P-256 key, generated per run) and signs tokens. No outside network.
/// </summary>
public sealed class TestAuthority : IAsyncDisposable
{
    private const string Realm = "/realms/land";

    private readonly WebApplication _app;

    private TestAuthority(WebApplication app, string issuer) => (_app, Issuer) = (app, issuer);

    /// <summary>The issuer URL, which is also the authority the gateway is configured with.</summary>
    public string Issuer { get; }

    public RsaSecurityKey RsaKey { get; } = new(RSA.Create(2048)) { KeyId = "rsa-1" };

    public ECDsaSecurityKey EcKey { get; } = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-1" };

    public static async Task<TestAuthority> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestAuthority? authority = null;
        app.MapGet($"{Realm}/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority!.Issuer,
            ["jwks_uri"] = $"{authority.Issuer}/protocol/openid-connect/certs",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
        }));
        app.MapGet($"{Realm}/protocol/openid-connect/certs", () => Results.Json(new { keys = new[] { authority!.RsaJwk(), authority.EcJwk() } }));
        await app.StartAsync();
        authority = new TestAuthority(app, app.Urls.Single().TrimEnd('/') + Realm);
        return authority;
    }

    /// <summary>A token signed by this authority (or by <paramref name="credentials"/>), for <paramref name="audience"/>.</summary>
    public string Token(IDictionary<string, object> claims, string audience, SigningCredentials? credentials = null, string? issuer = null,
        DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var until = expires ?? now.AddHours(1);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = until.AddHours(-2),
            NotBefore = until.AddHours(-2),
            Expires = until,
            SigningCredentials = credentials ?? new SigningCredentials(RsaKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private object RsaJwk()
    {
        var p = RsaKey.Rsa.ExportParameters(false);
        return new { kty = "RSA", use = "sig", alg = "RS256", kid = RsaKey.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) };
    }

    private object EcJwk()
    {
        var p = EcKey.ECDsa.ExportParameters(false);
        return new { kty = "EC", use = "sig", alg = "ES256", kid = EcKey.KeyId, crv = "P-256", x = Base64UrlEncoder.Encode(p.Q.X), y = Base64UrlEncoder.Encode(p.Q.Y) };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        RsaKey.Rsa.Dispose();
        EcKey.ECDsa.Dispose();
    }
}
