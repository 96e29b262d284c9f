using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auction.TestSupport;

/// <summary>
/// A tiny OpenID Connect identity provider on loopback (Keycloak-shaped paths): it serves its discovery document and
/// its JWKS (one RSA and one P-256 key, generated per run) and signs tokens. For browser sign-in it also runs the
/// authorization-code flow with PKCE for one public client: <c>auth</c> approves at once as <see cref="NextUser"/>
/// and redirects back with a code; <c>token</c> trades the code only for the <c>code_verifier</c> whose S256 hash
/// was presented (and the same client and redirect URI), once. Its discovery, keys and token endpoint answer
/// cross-origin requests, as a provider configured for a web origin does. No outside network.
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

    /// <summary>The public client that may use the authorization-code flow.</summary>
    public string ClientId { get; set; } = "auction-web";

    /// <summary>The <c>aud</c> of the access tokens the code flow issues (the API's identifier).</summary>
    public string Audience { get; set; } = "auction-api";

    /// <summary>The claims of whoever the next authorization request signs in (the provider approves without a login page).</summary>
    public IDictionary<string, object> NextUser { get; set; } = new Dictionary<string, object> { ["sub"] = "user-1", ["role"] = "bidder", ["name"] = "Test User" };

    /// <summary>Codes issued, tokens issued for a code, and refused token requests (with the reason), for the tests to assert on.</summary>
    public int CodesIssued => _codesIssued;

    public int TokensIssued => _tokensIssued;

    public IReadOnlyList<string> Refusals => [.. _refusals];

    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _refusals = new();
    private int _codesIssued;
    private int _tokensIssued;

    private sealed record PendingCode(string ClientId, string RedirectUri, string Challenge, IDictionary<string, object> User);

    public static async Task<TestAuthority> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestAuthority? authority = null;
        // A browser app on another origin reads discovery and keys, and posts to the token endpoint.
        app.Use((context, next) =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*";
            return next(context);
        });
        app.MapGet($"{Realm}/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority!.Issuer,
            ["jwks_uri"] = $"{authority.Issuer}/protocol/openid-connect/certs",
            ["authorization_endpoint"] = $"{authority.Issuer}/protocol/openid-connect/auth",
            ["token_endpoint"] = $"{authority.Issuer}/protocol/openid-connect/token",
            ["end_session_endpoint"] = $"{authority.Issuer}/protocol/openid-connect/logout",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet($"{Realm}/protocol/openid-connect/certs", () => Results.Json(new { keys = new[] { authority!.RsaJwk(), authority.EcJwk() } }));
        app.MapGet($"{Realm}/protocol/openid-connect/auth", (HttpRequest request) => authority!.Authorize(request));
        app.MapPost($"{Realm}/protocol/openid-connect/token", async (HttpRequest request) => authority!.Exchange(await request.ReadFormAsync()));
        app.MapGet($"{Realm}/protocol/openid-connect/logout", (string? post_logout_redirect_uri) =>
            post_logout_redirect_uri is null ? Results.Text("signed out") : Results.Redirect(post_logout_redirect_uri));
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

    /// <summary>The authorization endpoint: checks the request (public client, S256 challenge) and approves it at once.</summary>
    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        string? problem = q["response_type"] != "code" ? "response_type must be code"
            : q["client_id"] != ClientId ? "unknown client_id"
            : q["code_challenge_method"] != "S256" ? "code_challenge_method must be S256"
            : string.IsNullOrEmpty(q["code_challenge"]) ? "code_challenge is required"
            : !Uri.TryCreate(q["redirect_uri"], UriKind.Absolute, out _) ? "redirect_uri must be absolute"
            : null;
        if (problem is not null)
        {
            _refusals.Enqueue($"authorize: {problem}");
            return Results.BadRequest(new { error = "invalid_request", error_description = problem });
        }
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new PendingCode(ClientId, q["redirect_uri"]!, q["code_challenge"]!, new Dictionary<string, object>(NextUser));
        Interlocked.Increment(ref _codesIssued);
        var redirect = $"{q["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"].ToString())}";
        return Results.Redirect(redirect);
    }

    /// <summary>The token endpoint: a code is good once, for its client and redirect URI, with the verifier of its challenge.</summary>
    private IResult Exchange(IFormCollection form)
    {
        string? problem = null;
        if (form["grant_type"] != "authorization_code") problem = "grant_type must be authorization_code";
        else if (!_codes.TryRemove(form["code"].ToString(), out var pending)) problem = "unknown or used code";
        else if (form["client_id"] != pending.ClientId || form["redirect_uri"] != pending.RedirectUri) problem = "client_id or redirect_uri differ from the authorization request";
        else if (Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != pending.Challenge)
            problem = "code_verifier does not match the code_challenge";
        else
        {
            Interlocked.Increment(ref _tokensIssued);
            return Results.Json(new
            {
                access_token = Token(pending.User, Audience),
                id_token = Token(pending.User, pending.ClientId),
                token_type = "Bearer",
                expires_in = 3600,
            });
        }
        _refusals.Enqueue($"token: {problem}");
        return Results.Json(new { error = "invalid_grant", error_description = problem }, statusCode: StatusCodes.Status400BadRequest);
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
