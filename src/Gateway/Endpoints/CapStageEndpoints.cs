using System.Security.Claims;
using Auction.Contracts.Caps;
using Auction.Contracts.Common;
using Auction.Gateway.Auth;
using Auction.Gateway.Http;
using Auction.Gateway.Limits;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// The price-cap stage (API.md v2 "Price caps"): bidders bid areas (竞配建), enter the lottery (摇号), confirm and seal a
/// one-time quote (一次报价) and read their own quote; anyone reads the lottery to recompute its draw. Creates answer 201
/// with the receipt and replay by <c>requestId</c> like bids (<c>Idempotent-Replay: true</c>).
/// </summary>
public static class CapStageEndpoints
{
    public static RouteGroupBuilder MapCapStageEndpoints(this RouteGroupBuilder api)
    {
        var bidder = api.MapGroup("/listings/{id}").RequireAuthorization(AuctionAuth.BidderPolicy).WithTags("Price cap");

        // Area bids are bids: they spend the bidder's bid budget like price bids.
        bidder.MapPost("/area-bids", async (string id, AreaBidRequest request, ClaimsPrincipal user, BidRateLimiter limiter, CapStageCalls stage, HttpResponse response) =>
        {
            if (limiter.Refuse(user.Subject()) is { } limited)
            {
                response.Headers.RetryAfter = $"{BidRateLimiter.RetryAfterSeconds}";
                return Problems.Result(limited);
            }
            return Created(await stage.Call(id, user, request.RequestId, g => g.PlaceAreaBid(new PlaceAreaBid(user.Subject(), request.AreaM2, request.RequestId))), r => r.Replayed);
        }).WithMetadata(BidRateLimited.Instance);

        bidder.MapPost("/lottery/entries", async (string id, JoinRequest request, ClaimsPrincipal user, CapStageCalls stage) =>
            Created(await stage.Call(id, user, request.RequestId, g => g.JoinLottery(new JoinCapStage(user.Subject(), request.RequestId))), r => r.Replayed));

        bidder.MapPost("/one-time/confirmations", async (string id, JoinRequest request, ClaimsPrincipal user, CapStageCalls stage) =>
            Created(await stage.Call(id, user, request.RequestId, g => g.ConfirmOneTimeQuote(new JoinCapStage(user.Subject(), request.RequestId))), r => r.Replayed));

        bidder.MapPost("/one-time/quotes", async (string id, QuoteRequest request, ClaimsPrincipal user, CapStageCalls stage) =>
            Created(await stage.Call(id, user, request.RequestId, g => g.SubmitQuote(new SubmitQuote(user.Subject(), request.Amount, request.RequestId))), r => r.Replayed));

        bidder.MapGet("/one-time/quotes/mine", async (string id, ClaimsPrincipal user, CapStageCalls stage) =>
            PublicEndpoints.Respond(await stage.Call(id, user, null, g => g.GetMyQuote(user.Subject()))));

        api.MapGet("/listings/{id}/lottery", async (string id, IGrainFactory grains, ClusterCalls calls) =>
            PublicEndpoints.Respond(await calls.Idempotent(() => grains.GetGrain<IPriceCapGrain>(id).GetLottery())))
            .AllowAnonymous().WithTags("Public");
        return api;
    }

    /// <summary>201 with the receipt; a replay of the same request says so in <c>Idempotent-Replay</c>.</summary>
    private static IResult Created<T>(Outcome<T> outcome, Func<T, bool> replayed) where T : class =>
        outcome.IsSuccess ? new ReceiptCreated(outcome.Value!, replayed(outcome.Value!)) : Problems.Result(outcome.Rejection!);

    private sealed class ReceiptCreated(object receipt, bool replayed) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            if (replayed) context.Response.Headers["Idempotent-Replay"] = "true";
            context.Response.StatusCode = StatusCodes.Status201Created;
            return context.Response.WriteAsJsonAsync(receipt, receipt.GetType(), ApiJson.Options);
        }
    }
}

/// <summary>
/// One way to call the cap stage of a listing for a bidder: the request id checked before any grain call, retries only
/// because every command carries its request id, and <c>DEPOSIT_NOT_PAID</c> told apart from a stranger.
/// </summary>
public sealed class CapStageCalls(IGrainFactory grains, ClusterCalls calls, DepositCheck deposits)
{
    public async Task<Outcome<T>> Call<T>(string listingId, ClaimsPrincipal user, string? requestId, Func<IPriceCapGrain, Task<Outcome<T>>> call)
    {
        if (requestId is not null && IdempotentRequests.CheckRequestId(requestId) is { } invalid) return invalid;
        var outcome = await calls.Idempotent(() => call(grains.GetGrain<IPriceCapGrain>(listingId)));
        return await deposits.Explain(listingId, user.Subject(), outcome);
    }
}
