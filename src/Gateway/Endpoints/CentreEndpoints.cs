using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Gateway.Auth;
using Auction.Gateway.Http;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// What trading centres do: publish listings, auctions and tenders, seal the reserve, change the increment, suspend /
/// resume / terminate, run an on-site auction (floor bids, the hammer), record a tender committee's sheets, see applications.
/// </summary>
public static class CentreEndpoints
{
    public static RouteGroupBuilder MapCentreEndpoints(this RouteGroupBuilder api)
    {
        var centre = api.MapGroup("/listings").RequireAuthorization(AuctionAuth.CentrePolicy).WithTags("Centre");

        centre.MapPost("/", (CreateListingRequest request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls, IdempotentRequests idempotency) =>
        {
            var centreId = user.CentreId()!;
            return idempotency.Create("listing", centreId, request.RequestId, request, async () =>
            {
                var id = ListingIds.For(centreId, request.RequestId);
                var outcome = await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).Publish(request.ToCommand(centreId, user.Subject())));
                return outcome.IsSuccess
                    ? Outcome<CreatedResource>.Success(new CreatedResource(outcome.Value!, $"/api/listings/{id}"))
                    : outcome.Rejection!;
            });
        }).WithName("CreateListing");

        centre.MapPost("/{id}/reserve", async (string id, ReserveRequest request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
            NoContent(await calls.Once(() => grains.GetGrain<IListingGrain>(id).SealReserve(Actor(user), request.ReservePrice))));

        centre.MapPost("/{id}/suspend", async (string id, ReasonRequest request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
            NoContent(await calls.Once(() => grains.GetGrain<IListingGrain>(id).Suspend(Actor(user), request.Reason))));

        centre.MapPost("/{id}/resume", async (string id, EmptyRequest? request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
            NoContent(await calls.Once(() => grains.GetGrain<IListingGrain>(id).Resume(Actor(user)))));

        centre.MapPost("/{id}/terminate", async (string id, ReasonRequest request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
            NoContent(await calls.Once(() => grains.GetGrain<IListingGrain>(id).Terminate(Actor(user), request.Reason))));

        // R-AUC-07 (and listings): the increment of the current stage, while bidding is open.
        centre.MapPost("/{id}/increment", async (string id, IncrementRequest request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
            NoContent(await calls.Once(() => grains.GetGrain<IListingGrain>(id).ChangeIncrement(Actor(user), request.Increment, request.Reason))));

        // On-site auctions: the auctioneer's paddle bids (idempotent by requestId) and the hammer (once: it ends the sale).
        centre.MapPost("/{id}/floor-bids", async (string id, FloorBidRequest request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
        {
            var outcome = await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).PlaceFloorBid(Actor(user), new FloorBid(request.BidderNo, request.Amount, request.RequestId)));
            return outcome.IsSuccess ? new BidCreated(outcome.Value!) : Problems.Result(outcome.Rejection!);
        });

        centre.MapPost("/{id}/hammer", async (string id, EmptyRequest? request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
            PublicEndpoints.Respond(await calls.Once(() => grains.GetGrain<IListingGrain>(id).Hammer(Actor(user)))));

        // Comprehensive tenders (R-TEN-05): the committee's sheets, idempotent by requestId in the listing's record.
        centre.MapPost("/{id}/evaluation/sheets", async (string id, SheetRequest request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
        {
            var outcome = await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).RecordSheet(Actor(user), request.ToSheet()));
            return outcome.IsSuccess ? new ReceiptCreated(SheetReceiptBody.From(outcome.Value!), outcome.Value!.Replayed) : Problems.Result(outcome.Rejection!);
        });

        centre.MapGet("/{id}/applications", async (string id, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
        {
            var listing = await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetSnapshot());
            if (!listing.IsSuccess) return Problems.Result(listing.Rejection!);
            if (listing.Value!.Centre != user.CentreId())
                return Problems.Result(RejectionCodes.NotListingOwner, "Only the centre that published this listing may see its applications.");
            var applications = await calls.Idempotent(() => grains.GetGrain<IListingRegistrationGrain>(id).GetApplications());
            return Results.Json(applications.Select(a => new CentreApplication(a.ApplicationId, a.BidderId, a.BidderName, Status(a.Status),
                a.DepositPaid, a.DepositDue, a.BidderNo, a.DepositAccount, a.AppliedAt, a.Credits)), ApiJson.Options);
        });
        return api;
    }

    public static string Status(ApplicationStatus status) => status == ApplicationStatus.Qualified ? "qualified" : "awaitingDeposit";

    private static CentreActor Actor(ClaimsPrincipal user) => new(user.Subject(), user.CentreId()!);

    private static IResult NoContent(Outcome<Done> outcome) => outcome.IsSuccess ? Results.NoContent() : Problems.Result(outcome.Rejection!);
}

/// <summary>Listing ids are derived from (centre, requestId), so a retried create lands on the same listing grain.</summary>
public static class ListingIds
{
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string For(string centreId, string requestId) =>
        "L" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{centreId}\n{requestId}")))[..16];

    /// <summary>
    /// Whether <paramref name="id"/> has the shape <see cref="For"/> makes (<c>L</c> + 16 lowercase hex). Checked before
    /// any grain call or live-path dictionary is touched, so made-up ids cost nothing but this check.
    /// </summary>
    public static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id) =>
        id is { Length: 17 } && id[0] == 'L' && !id.AsSpan(1).ContainsAnyExcept(LowerHex);

    /// <summary>The answer to an id that cannot be a listing's: the same code as for one that does not exist.</summary>
    public static Rejection NotFound() =>
        new(RejectionCodes.ListingNotFound, "There is no listing with this id (listing ids are L followed by 16 lowercase hexadecimal digits).");
}
