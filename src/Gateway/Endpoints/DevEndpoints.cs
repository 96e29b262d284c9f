using Auction.Contracts.Common;
using Auction.Gateway.Auth;
using Auction.Gateway.Http;
using Auction.Silo.Hosting;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// <c>POST /api/dev/tokens</c> and the demo bank <c>POST /api/dev/bank-credits</c>, <c>/api/dev/bank-refunds</c>: exist only in Development or with
/// <c>--demo</c> (<see cref="DevTokens"/>).
/// </summary>
public static class DevEndpoints
{
    public static RouteGroupBuilder MapDevEndpoints(this RouteGroupBuilder api, WebApplication app)
    {
        if (!DevTokens.Enabled(app.Configuration, app.Environment)) return api;
        if (!app.Environment.IsDevelopment())
            app.Logger.LogWarning("Demo mode in the {Environment} environment: POST /api/dev/tokens lets ANYONE mint a token for any role. Never expose this gateway to real users.", app.Environment.EnvironmentName);
        api.MapPost("/dev/tokens", (DevTokenRequest request, DevTokenIssuer issuer) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > 128) errors["subject"] = ["must be 1..128 characters"];
            if (!Roles.All.Contains(request.Role)) errors["role"] = [$"must be one of {string.Join(", ", Roles.All)}"];
            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["must be 1..200 characters"];
            if (request.Role == Roles.Centre && string.IsNullOrWhiteSpace(request.Centre)) errors["centre"] = ["is required for the centre role"];
            if (request.Centre is { Length: > 64 }) errors["centre"] = ["must be at most 64 characters"];
            if (errors.Count > 0) return Problems.Result(Rejection.Validation(errors));
            var (token, expiresAt) = issuer.Issue(request.Subject, request.Role, request.Name, request.Role == Roles.Centre ? request.Centre : null);
            return Results.Json(new { token, expiresAt }, ApiJson.Options);
        }).AllowAnonymous().WithTags("Dev");

        // The demo bank: lets the web app's walkthrough be clicked through without a bank (or curl and openssl). It
        // records a credit exactly as a signed bank callback would, at the server's time, under a made-up transaction id.
        api.MapPost("/dev/bank-credits", (DevBankCreditRequest request, IGrainFactory grains, ClusterCalls calls, AuctionClock clock) =>
            BankEndpoints.Credit(new BankCreditRequest(request.Account, request.Amount, $"dev-{Guid.NewGuid():N}", clock.Now), grains, calls))
            .AllowAnonymous().WithTags("Dev");

        // The demo bank refunds a deposit after the sale (R-COM-10), as a signed refund callback would.
        api.MapPost("/dev/bank-refunds", (DevBankRefundRequest request, IGrainFactory grains, ClusterCalls calls, AuctionClock clock) =>
            BankEndpoints.Refund(new BankRefundRequest(request.Account, request.Amount, $"dev-{Guid.NewGuid():N}", clock.Now), grains, calls))
            .AllowAnonymous().WithTags("Dev");
        return api;
    }
}
