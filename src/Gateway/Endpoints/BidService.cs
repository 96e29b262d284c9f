using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Gateway.Http;

namespace Auction.Gateway.Endpoints;

/// <summary>Places a bid for REST and the hub alike: same rules, same idempotency, same codes.</summary>
public sealed class BidService(IGrainFactory grains, ClusterCalls calls)
{
    public async Task<Outcome<BidReceipt>> Place(string listingId, string bidderId, decimal amount, string requestId)
    {
        if (IdempotentRequests.CheckRequestId(requestId) is { } invalid) return invalid;
        var outcome = await calls.Idempotent(() => grains.GetGrain<IListingGrain>(listingId).PlaceBid(new PlaceBid(bidderId, amount, requestId)));
        if (outcome.Rejection?.Code != RejectionCodes.NotQualified) return outcome;

        // The listing knows only qualified bidders; tell an applicant whose deposit is short apart from a stranger.
        var application = await calls.Idempotent(() => grains.GetGrain<IListingRegistrationGrain>(listingId).GetApplication(bidderId));
        return application is { IsSuccess: true, Value.Status: ApplicationStatus.AwaitingDeposit }
            ? outcome.Rejection with { Code = RejectionCodes.DepositNotPaid, Message = $"The deposit is not complete: {application.Value.DepositPaid} of {application.Value.DepositDue} arrived (您未交纳保证金)." }
            : outcome;
    }
}
