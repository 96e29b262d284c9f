using Auction.Gateway.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Auction.Gateway.Auth;

/// <summary>
/// 403 FORBIDDEN that says which role the endpoint needs (read from its policy, so it cannot drift from what is
/// enforced) and which role the caller's token has. Everything else (401 challenges, success) is the default.
/// </summary>
public sealed class RoleProblems(JwtSettings jwt) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || context.User.Identity?.IsAuthenticated != true)
            return _default.HandleAsync(next, context, policy, authorizeResult);

        var needed = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToArray();
        var claims = policy.Requirements.OfType<ClaimsAuthorizationRequirement>().Select(r => r.ClaimType).Distinct().ToArray();
        var has = context.User.FindAll(CallerClaims.Role).Select(c => c.Value).ToArray();
        var missing = claims.Where(c => !context.User.HasClaim(x => x.Type == c)).ToArray();

        var need = needed.Length == 0 ? "other permissions" : $"the role {string.Join(" or ", needed)}";
        if (claims.Contains(CallerClaims.Centre)) need += $" and a centre id (token claim '{jwt.CentreClaim}')";
        var yours = has.Length == 0 ? $"your token has no role (token claim '{jwt.RoleClaim}')" : $"your token has the role {string.Join(", ", has)}";
        if (needed.Intersect(has).Any() && missing.Contains(CallerClaims.Centre)) yours += $" but no centre id (token claim '{jwt.CentreClaim}')";
        return Problems.Write(context, GatewayCodes.Forbidden, $"This endpoint needs {need}; {yours}.",
            extensions: new Dictionary<string, object?> { ["requiredRoles"] = needed, ["roles"] = has });
    }
}
