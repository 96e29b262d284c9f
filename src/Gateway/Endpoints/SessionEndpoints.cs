using System.Globalization;
using System.Security.Claims;
using Auction.Gateway.Auth;
using Auction.Gateway.Http;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// What the web app asks before and after signing someone in: how to sign in (<c>/api/auth/config</c>) and who the
/// token says the caller is (<c>/api/me</c>, read through the same claim mapping as every endpoint, so the app never
/// parses tokens or repeats the provider's claim names).
/// </summary>
public static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this RouteGroupBuilder api, WebApplication app)
    {
        var jwt = app.Services.GetRequiredService<JwtSettings>();
        // Dev tokens are HMAC tokens: a gateway that trusts an identity provider would refuse them.
        var devSignIn = DevTokens.Enabled(app.Configuration, app.Environment) && !jwt.UsesAuthority;
        var config = new AuthConfig(devSignIn, jwt.Authority, jwt.ClientId, jwt.Scope, Roles.All);

        api.MapGet("/auth/config", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-cache";
            return Results.Json(config, ApiJson.Options);
        }).AllowAnonymous().WithTags("Session");

        api.MapGet("/me", (ClaimsPrincipal user) => Results.Json(new Caller(
            user.Subject(), user.DisplayName(), user.FindAll(CallerClaims.Role).Select(c => c.Value).ToArray(), user.CentreId(),
            long.TryParse(user.FindFirstValue("exp"), NumberStyles.None, CultureInfo.InvariantCulture, out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : null),
            ApiJson.Options)).RequireAuthorization().WithTags("Session");
        return api;
    }
}
