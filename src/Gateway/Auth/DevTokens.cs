using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auction.Gateway.Auth;

/// <summary>
/// Whether <c>POST /api/dev/tokens</c> exists: in Development, or with <c>--demo</c> (<c>Auction:Demo:Enabled</c>),
/// unless <c>Auction:DevTokens</c> is false. Outside Development <c>Auction:DevTokens=true</c> does not turn them on:
/// the gateway refuses to start (<see cref="Hosting.StartupChecks"/>).
/// </summary>
public static class DevTokens
{
    public static bool Enabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Auction:DevTokens") != false
        && (environment.IsDevelopment() || configuration.GetValue("Auction:Demo:Enabled", false));
}

/// <summary>Issues HMAC tokens for Development and demos (<see cref="DevTokens"/>); never in production.</summary>
public sealed class DevTokenIssuer(JwtSettings settings, TimeProvider time)
{
    public (string Token, DateTimeOffset ExpiresAt) Issue(string subject, string role, string name, string? centre)
    {
        var now = time.GetUtcNow();
        var expires = now + settings.DevTokenLifetime;
        var claims = new Dictionary<string, object> { ["sub"] = subject, [settings.RoleClaim] = role, [settings.NameClaim] = name };
        if (centre is not null) claims[settings.CentreClaim] = centre;
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
