using System.Security.Claims;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Gateway.Auth;
using Auction.Gateway.Http;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// After the sale (API.md v2, DOMAIN R-COM-10/12/13/14): the deposits of a sale for its centre and regulators.
/// </summary>
public static class AfterSaleEndpoints
{
    public static RouteGroupBuilder MapAfterSaleEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/listings/{id}/deposits", async (string id, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
        {
            if (await OwnedUnlessRegulator(id, user, grains, calls, "its deposits") is { } refused) return refused;
            var deposits = await calls.Idempotent(() => grains.GetGrain<IListingRegistrationGrain>(id).GetDeposits());
            return deposits.IsSuccess ? Results.Json(deposits.Value!.Select(DepositRow.Of), ApiJson.Options) : Problems.Result(deposits.Rejection!);
        }).RequireAuthorization(AuctionAuth.CentreOrRegulatorPolicy).WithTags("After the sale");
        return api;
    }

    /// <summary>A regulator may read any sale; a centre only its own (NOT_LISTING_OWNER); an unknown listing is 404.</summary>
    private static async Task<IResult?> OwnedUnlessRegulator(string id, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls, string what)
    {
        var listing = await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetSnapshot());
        if (!listing.IsSuccess) return Problems.Result(listing.Rejection!);
        if (user.IsInRole(Roles.Regulator) || listing.Value!.Centre == user.CentreId()) return null;
        return Problems.Result(RejectionCodes.NotListingOwner, $"Only the centre that published this listing (or a regulator) may see {what}.");
    }
}
