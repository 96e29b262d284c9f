using System.Security.Claims;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Gateway.Auth;
using Auction.Gateway.Http;

namespace Auction.Gateway.Endpoints;

/// <summary>What bidders do: apply, watch their application, bid, submit a sealed tender and read their own receipt.</summary>
public static class BidderEndpoints
{
    public static RouteGroupBuilder MapBidderEndpoints(this RouteGroupBuilder api)
    {
        var bidder = api.MapGroup("/listings/{id}").RequireAuthorization(AuctionAuth.BidderPolicy).WithTags("Bidder");

        bidder.MapPost("/applications", (string id, ApplyRequest request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls, IdempotentRequests idempotency) =>
            idempotency.Create($"application/{id}", user.Subject(), request.RequestId, request, async () =>
            {
                var outcome = await calls.Idempotent(() => grains.GetGrain<IListingRegistrationGrain>(id).Apply(new ApplyForListing(user.Subject(), user.DisplayName(), request.RequestId)));
                if (!outcome.IsSuccess) return outcome.Rejection!;
                var a = outcome.Value!;
                return Outcome<CreatedResource>.Success(new CreatedResource(
                    new ApplicationCreated(a.ApplicationId, CentreEndpoints.Status(a.Status), a.DepositAccount, a.DepositDue, a.DepositDeadline, a.Seq, a.Hash),
                    $"/api/listings/{id}/applications/mine"));
            }));

        bidder.MapGet("/applications/mine", async (string id, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
        {
            var outcome = await calls.Idempotent(() => grains.GetGrain<IListingRegistrationGrain>(id).GetApplication(user.Subject()));
            if (!outcome.IsSuccess) return Problems.Result(GatewayCodes.ApplicationNotFound, "You have not applied for this listing.");
            var a = outcome.Value!;
            return Results.Json(new MyApplication(a.ApplicationId, CentreEndpoints.Status(a.Status), a.DepositPaid, a.DepositDue, a.BidderNo, a.DepositAccount, a.DepositDeadline, a.Credits), ApiJson.Options);
        });

        bidder.MapPost("/bids", async (string id, BidRequest request, ClaimsPrincipal user, BidService bids, HttpResponse response) =>
        {
            var outcome = await bids.Place(id, user.Subject(), request.Amount, request.RequestId, BidTransport.Rest);
            if (outcome.IsSuccess) return new BidCreated(outcome.Value!);
            if (outcome.Rejection!.Code == GatewayCodes.RateLimited) response.Headers.RetryAfter = $"{Limits.BidRateLimiter.RetryAfterSeconds}";
            return Problems.Result(outcome.Rejection);
        }).WithMetadata(Limits.BidRateLimited.Instance);

        // Tenders (R-TEN-02): one sealed tender per bidder, idempotent by requestId in the box; only the caller's own is readable.
        bidder.MapPost("/tenders", async (string id, TenderSubmissionRequest request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls, DepositCheck deposits) =>
        {
            var tender = new SubmitTender(user.Subject(), request.Amount, request.ProposalSha256, request.RequestId);
            var outcome = await deposits.Explain(id, user.Subject(), await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).SubmitTender(tender)));
            return outcome.IsSuccess ? new ReceiptCreated(TenderReceiptBody.From(outcome.Value!), outcome.Value!.Replayed) : Problems.Result(outcome.Rejection!);
        });

        bidder.MapGet("/tenders/mine", async (string id, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
        {
            var outcome = await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetMyTender(user.Subject()));
            return outcome.IsSuccess ? Results.Json(TenderReceiptBody.From(outcome.Value!), ApiJson.Options) : Problems.Result(outcome.Rejection!);
        });
        return api;
    }
}

/// <summary>
/// 201 with a bid receipt (<c>seq</c> and <c>hash</c> of its journal entry, the <c>channel</c> it came through); a replay
/// of the same requestId says so in <c>Idempotent-Replay</c>. Bidders' bids and the auctioneer's floor bids alike.
/// </summary>
public sealed class BidCreated(BidReceipt receipt) : IResult
{
    public Task ExecuteAsync(HttpContext context) =>
        new ReceiptCreated(new BidReceiptBody(receipt.Seq, receipt.Hash, receipt.ListingId, receipt.BidderNo, receipt.Amount, receipt.AcceptedAt,
            receipt.Phase, receipt.Deadline, receipt.Channel), receipt.Replayed).ExecuteAsync(context);
}
