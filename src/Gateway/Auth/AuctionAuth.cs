using System.Security.Claims;
using System.Text;
using Auction.Gateway.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
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

/// <summary>Settings under <c>Auction:Jwt</c>: a production authority, or the symmetric key of the embedded default.</summary>
public sealed class JwtSettings
{
    /// <summary>An OpenID Connect authority; when set, tokens are validated against it and the key is unused.</summary>
    public string? Authority { get; set; }
    public string Audience { get; set; } = "auction-api";
    public string Issuer { get; set; } = "auction-dev";

    /// <summary>HMAC key (≥ 32 bytes) for the embedded default and dev tokens. Every gateway of a cluster shares it.</summary>
    public string SigningKey { get; set; } = "dev-only-signing-key-change-me-0123456789abcdef";

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    public SymmetricSecurityKey Key => new(Encoding.UTF8.GetBytes(SigningKey));
}

public static class AuctionAuth
{
    public const string CentrePolicy = "centre";
    public const string BidderPolicy = "bidder";
    public const string RegulatorPolicy = "regulator";

    public static IServiceCollection AddAuctionAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var jwt = configuration.GetSection("Auction:Jwt").Get<JwtSettings>() ?? new JwtSettings();
        services.AddSingleton(jwt);
        services.AddSingleton<DevTokenIssuer>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            if (jwt.Authority is { Length: > 0 } authority) options.Authority = authority;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                IssuerSigningKey = jwt.Authority is null ? jwt.Key : null,
                ValidateIssuerSigningKey = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "name",
                RoleClaimType = "role",
            };
            options.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on WebSockets: the hub takes the token from the query string.
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                        context.Token = token;
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var detail = context.AuthenticateFailure is { } failure
                        ? $"The bearer token is not valid: {failure.GetType().Name.Replace("SecurityToken", "", StringComparison.Ordinal).Replace("Exception", "", StringComparison.Ordinal)}."
                        : "This endpoint needs a bearer token.";
                    await Problems.Write(context.HttpContext, GatewayCodes.Unauthenticated, detail);
                },
                OnForbidden = context => Problems.Write(context.HttpContext, GatewayCodes.Forbidden, "This endpoint is not open to your role."),
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(CentrePolicy, p => p.RequireRole(Roles.Centre).RequireClaim("centre"))
            .AddPolicy(BidderPolicy, p => p.RequireRole(Roles.Bidder))
            .AddPolicy(RegulatorPolicy, p => p.RequireRole(Roles.Regulator));
        return services;
    }

    public static string Subject(this ClaimsPrincipal user) => user.FindFirstValue("sub") ?? throw new InvalidOperationException("no sub claim");

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue("name") ?? user.Subject();

    public static string? CentreId(this ClaimsPrincipal user) => user.FindFirstValue("centre");
}

/// <summary>Issues tokens for the embedded default (<c>Auction:DevTokens</c>); never in production.</summary>
public sealed class DevTokenIssuer(JwtSettings settings, TimeProvider time)
{
    public (string Token, DateTimeOffset ExpiresAt) Issue(string subject, string role, string name, string? centre)
    {
        var now = time.GetUtcNow();
        var expires = now + settings.DevTokenLifetime;
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role, ["name"] = name };
        if (centre is not null) claims["centre"] = centre;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(settings.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
