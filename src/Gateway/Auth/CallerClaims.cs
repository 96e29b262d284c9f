using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auction.Gateway.Auth;

/// <summary>
/// API.md's claim names, which everything past authentication reads (the policies, <c>Subject</c>,
/// <c>DisplayName</c>, <c>CentreId</c>, the hub). An identity provider's names (<c>Auction:Jwt:RoleClaim</c>,
/// <c>:CentreClaim</c>, <c>:NameClaim</c>) are mapped to them once, when the token is validated; a claim that merely
/// carries one of API.md's names is dropped unless it is the configured one, so it cannot pose as a role.
/// </summary>
public static class CallerClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Name = "name";
    public const string Centre = "centre";

    public static ClaimsPrincipal Canonical(ClaimsPrincipal token, JwtSettings jwt)
    {
        var claims = token.Claims.ToList();
        var identity = new ClaimsIdentity(token.Identity?.AuthenticationType, Name, Role);
        foreach (var claim in claims.Where(c => c.Type is not (Role or Name or Centre)))
            identity.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType, claim.Issuer));
        foreach (var role in Values(claims, jwt.RoleClaim).Distinct(StringComparer.Ordinal)) identity.AddClaim(new Claim(Role, role));
        if (Values(claims, jwt.NameClaim).FirstOrDefault() is { } name) identity.AddClaim(new Claim(Name, name));
        if (Values(claims, jwt.CentreClaim).FirstOrDefault() is { } centre) identity.AddClaim(new Claim(Centre, centre));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// The string values at <paramref name="path"/>: a claim of that name (one claim per array element, as the token
    /// handler gives them), or a dotted path into a JSON object claim (<c>realm_access.roles</c>, Keycloak's realm roles).
    /// </summary>
    public static IEnumerable<string> Values(IReadOnlyList<Claim> claims, string path)
    {
        var direct = claims.Where(c => c.Type == path).ToArray();
        if (direct.Length > 0) return direct.SelectMany(c => IsJson(c) ? Strings(c.Value, []) : [c.Value]).Where(v => v.Length > 0);
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return [];
        var rest = path[(dot + 1)..].Split('.');
        return claims.Where(c => c.Type == path[..dot] && IsJson(c)).SelectMany(c => Strings(c.Value, rest)).Where(v => v.Length > 0);
    }

    private static bool IsJson(Claim claim) =>
        claim.ValueType is JsonClaimValueTypes.Json or JsonClaimValueTypes.JsonArray;

    private static IEnumerable<string> Strings(string json, string[] path)
    {
        JsonElement node;
        try
        {
            using var document = JsonDocument.Parse(json);
            node = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return [];
        }
        foreach (var segment in path)
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node)) return [];
        return node.ValueKind switch
        {
            JsonValueKind.String => [node.GetString()!],
            JsonValueKind.Array => node.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray(),
            _ => [],
        };
    }
}
