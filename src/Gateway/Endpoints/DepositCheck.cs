using Auction.Contracts.Common;
using Auction.Contracts.Registration;
using Auction.Gateway.Http;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// The listing knows only qualified bidders and refuses everyone else <c>NOT_QUALIFIED</c>; this tells an applicant whose
/// deposit is short (<c>DEPOSIT_NOT_PAID</c>, API.md) apart from a stranger, for bids, tenders and cap-stage commands alike.
/// </summary>
public sealed class DepositCheck(IGrainFactory grains, ClusterCalls calls)
{
    public async Task<Outcome<T>> Explain<T>(string listingId, string bidderId, Outcome<T> outcome)
    {
        if (outcome.Rejection?.Code != RejectionCodes.NotQualified) return outcome;
        var application = await calls.Idempotent(() => grains.GetGrain<IListingRegistrationGrain>(listingId).GetApplication(bidderId));
        return application is { IsSuccess: true, Value.Status: ApplicationStatus.AwaitingDeposit }
            ? outcome.Rejection with { Code = RejectionCodes.DepositNotPaid, Message = $"The deposit is not complete: {application.Value.DepositPaid} of {application.Value.DepositDue} arrived (您未交纳保证金)." }
            : outcome;
    }
}
