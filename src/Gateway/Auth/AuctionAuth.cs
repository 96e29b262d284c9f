using System.Security.Claims;
using Auction.Gateway.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace Auction.Gateway.Auth;

/// <summary>The three roles of API.md and the claims the gateway reads.</summary>
public static class Roles
{
    public const string Centre = "centre";
    public const string Bidder = "bidder";
    public const string Regulator = "regulator";

    public static readonly string[] All = [Centre, Bidder, Regulator];
}

/// <summary>
/// Settings under <c>Auction:Jwt</c>: an OpenID Connect authority (production), or the HMAC key of the embedded
/// default and dev tokens. The claim names say where an identity provider puts the role, the centre id and the
/// display name (docs/identity.md).
/// </summary>
public sealed class JwtSettings
{
    /// <summary>
    /// The fixed development key (base64 of 32 bytes). Public, so it is refused outside Development
    /// (<see cref="Hosting.StartupChecks"/>).
    /// </summary>
    public const string DevelopmentSigningKey = "h/ts/cw3878XnMZTl3HDtLY5JmC3LYs07frQ1BmvsLk=";

    /// <summary>The development key before issue 8 (its UTF-8 bytes were the HMAC key); tokens signed with it are refused everywhere.</summary>
    public const string RetiredSigningKey = "dev-only-signing-key-change-me-0123456789abcdef";

    /// <summary>An OpenID Connect issuer URL; when set, tokens are validated against its discovery document and JWKS (RS256, ES256) and the key is unused.</summary>
    public string? Authority { get; set; }

    /// <summary>Whether the authority's metadata must be fetched over HTTPS (only a test or a lab turns this off).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string Audience { get; set; } = "auction-api";

    /// <summary>The issuer of HMAC tokens; with an authority, the issuer is the authority's own unless this is set explicitly.</summary>
    public string Issuer { get; set; } = "auction-dev";

    /// <summary>The claim that carries the role (a string or an array; a dotted path such as <c>realm_access.roles</c> reads inside a JSON claim).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim that carries a centre user's centre id.</summary>
    public string CentreClaim { get; set; } = "centre";

    /// <summary>The claim that carries the display / legal name.</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>The public client id a browser app signs in with (PKCE); not used by the gateway itself.</summary>
    public string? ClientId { get; set; }

    /// <summary>The scopes the web app asks the identity provider for (authorization-code flow with PKCE).</summary>
    public string Scope { get; set; } = "openid profile";

    /// <summary>HMAC-SHA256 key: base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>). Every gateway of a cluster shares it.</summary>
    public string SigningKey { get; set; } = DevelopmentSigningKey;

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How many validated tokens the gateway remembers (<see cref="ValidatedTokenCache"/>); 0 validates every request afresh.</summary>
    public int ValidatedTokenCacheSize { get; set; } = 10_000;

    /// <summary>How long a validated token is remembered at most (never past its own expiry); bounds how long a withdrawn key still works.</summary>
    public TimeSpan ValidatedTokenCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority);

    public SymmetricSecurityKey Key => new(Convert.FromBase64String(SigningKey));
}

public static class AuctionAuth
{
    public const string CentrePolicy = "centre";
    public const string BidderPolicy = "bidder";
    public const string RegulatorPolicy = "regulator";

    /// <summary>A sale's deposits: its centre (ownership is checked against the listing) and regulators.</summary>
    public const string CentreOrRegulatorPolicy = "centre-or-regulator";

    /// <summary>A sale's confirmation: its centre and its winner (both checked against the listing).</summary>
    public const string CentreOrBidderPolicy = "centre-or-bidder";

    /// <summary>Asymmetric algorithms accepted from an identity provider (never HS*: its public keys must not become HMAC secrets).</summary>
    public static readonly string[] AuthorityAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    public static IServiceCollection AddAuctionAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var jwt = configuration.GetSection("Auction:Jwt").Get<JwtSettings>() ?? new JwtSettings();
        var explicitIssuer = configuration["Auction:Jwt:Issuer"];
        services.AddSingleton(jwt);
        services.AddSingleton<DevTokenIssuer>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RoleProblems>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            if (jwt.ValidatedTokenCacheSize > 0)
            {
                var cache = new ValidatedTokenCache(jwt.ValidatedTokenCacheSize, jwt.ValidatedTokenCacheLifetime);
                var handlers = options.TokenHandlers.ToArray();
                options.TokenHandlers.Clear();
                foreach (var handler in handlers) options.TokenHandlers.Add(new CachingTokenHandler(handler, cache));
            }
            var parameters = new TokenValidationParameters
            {
                ValidAudience = jwt.Audience,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = jwt.NameClaim,
                RoleClaimType = jwt.RoleClaim,
            };
            if (jwt.UsesAuthority)
            {
                // Discovery document and JWKS from the authority; its issuer unless one is configured explicitly.
                options.Authority = jwt.Authority;
                options.Audience = jwt.Audience;
                options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
                parameters.ValidIssuer = string.IsNullOrWhiteSpace(explicitIssuer) ? null : explicitIssuer;
                parameters.ValidAlgorithms = AuthorityAlgorithms;
            }
            else
            {
                parameters.ValidIssuer = jwt.Issuer;
                parameters.IssuerSigningKey = jwt.Key;
                parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
            options.TokenValidationParameters = parameters;
            options.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on WebSockets: the hub takes the token from the query string.
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                        context.Token = token;
                    return Task.CompletedTask;
                },
                // The identity provider's claim names are mapped once, here, to API.md's (sub, role, name, centre).
                OnTokenValidated = context =>
                {
                    context.Principal = CallerClaims.Canonical(context.Principal!, jwt);
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await Problems.Write(context.HttpContext, GatewayCodes.Unauthenticated, ChallengeText(context.AuthenticateFailure));
                },
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(CentrePolicy, p => p.RequireRole(Roles.Centre).RequireClaim(CallerClaims.Centre))
            .AddPolicy(BidderPolicy, p => p.RequireRole(Roles.Bidder))
            .AddPolicy(RegulatorPolicy, p => p.RequireRole(Roles.Regulator))
            .AddPolicy(CentreOrRegulatorPolicy, p => p.RequireRole(Roles.Centre, Roles.Regulator))
            .AddPolicy(CentreOrBidderPolicy, p => p.RequireRole(Roles.Centre, Roles.Bidder));
        return services;
    }

    public static string Subject(this ClaimsPrincipal user) => user.FindFirstValue(CallerClaims.Subject) ?? throw new InvalidOperationException("no sub claim");

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(CallerClaims.Name) ?? user.Subject();

    public static string? CentreId(this ClaimsPrincipal user) => user.FindFirstValue(CallerClaims.Centre);

    private static string ChallengeText(Exception? failure) => failure switch
    {
        null => "This endpoint needs a bearer token (Authorization: Bearer <JWT>).",
        SecurityTokenExpiredException => "The bearer token is not valid: Expired (get a new token).",
        SecurityTokenInvalidAudienceException => "The bearer token is not valid: InvalidAudience (it was issued for another API).",
        SecurityTokenInvalidIssuerException => "The bearer token is not valid: InvalidIssuer (it was issued by another issuer).",
        SecurityTokenInvalidAlgorithmException => "The bearer token is not valid: InvalidAlgorithm (this API accepts only the algorithms of its issuer).",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The bearer token is not valid: InvalidSignature (it was not signed by a key of the issuer).",
        SecurityTokenMalformedException or ArgumentException => "The bearer token is not valid: Malformed (it is not a well-formed JWT).",
        SecurityTokenException token => $"The bearer token is not valid: {token.GetType().Name.Replace("SecurityToken", "", StringComparison.Ordinal).Replace("Exception", "", StringComparison.Ordinal)}.",
        InvalidOperationException => "The bearer token could not be checked: the identity provider's keys are not available; try again later.",
        _ => $"The bearer token is not valid: {failure.GetType().Name.Replace("SecurityToken", "", StringComparison.Ordinal).Replace("Exception", "", StringComparison.Ordinal)}.",
    };
}
