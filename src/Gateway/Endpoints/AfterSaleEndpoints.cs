using System.Security.Claims;
using Auction.Contracts.AfterSale;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Gateway.Auth;
using Auction.Gateway.Http;
using Auction.Gateway.Web;
using Auction.Silo.Notices;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// After the sale (API.md v2, DOMAIN R-COM-10/12/13/14): a sale's deposits for its centre and regulators, the result
/// notice (public; published once by the centre) and the public notices list, and the confirmation for the centre and
/// the winner, as JSON or as a printable page.
/// </summary>
public static class AfterSaleEndpoints
{
    public const int DefaultNotices = 100;
    public const int MaxNotices = 500;

    public static RouteGroupBuilder MapAfterSaleEndpoints(this RouteGroupBuilder api)
    {
        var afterSale = api.MapGroup("").WithTags("After the sale");

        afterSale.MapGet("/listings/{id}/deposits", async (string id, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
        {
            if (await OwnedUnlessRegulator(id, user, grains, calls) is { } refused) return refused;
            var deposits = await calls.Idempotent(() => grains.GetGrain<IListingRegistrationGrain>(id).GetDeposits());
            return deposits.IsSuccess ? Results.Json(deposits.Value!.Select(DepositRow.Of), ApiJson.Options) : Problems.Result(deposits.Rejection!);
        }).RequireAuthorization(AuctionAuth.CentreOrRegulatorPolicy);

        afterSale.MapGet("/listings/{id}/notice", async (string id, IGrainFactory grains, ClusterCalls calls) =>
            PublicEndpoints.Respond(await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetNotice()))).AllowAnonymous();

        // Once (a second publication is NOTICE_ALREADY_PUBLISHED, so the gateway must not retry one that may have landed).
        afterSale.MapPost("/listings/{id}/notice/publish", async (string id, EmptyRequest? request, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
            PublicEndpoints.Respond(await calls.Once(() => grains.GetGrain<IListingGrain>(id).PublishNotice(new CentreActor(user.Subject(), user.CentreId()!)))))
            .RequireAuthorization(AuctionAuth.CentrePolicy);

        afterSale.MapGet("/notices", async (string? centre, QueryTime? from, QueryTime? to, int? limit, IGrainFactory grains, ClusterCalls calls) =>
        {
            var (range, problem) = DateRange.Of(from, to);
            if (problem is not null) return problem;
            if (limit is < 1 or > MaxNotices) return Problems.Result(Rejection.Validation("limit", $"must be 1..{MaxNotices} (default {DefaultNotices})"));
            var notices = await calls.Idempotent(() => grains.GetGrain<INoticeBoardGrain>(NoticeBoardGrain.DefaultKey).Find(centre, range.From, range.To, limit ?? DefaultNotices));
            return Results.Json(notices, ApiJson.Options);
        }).AllowAnonymous();

        afterSale.MapGet("/listings/{id}/confirmation", async (string id, HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls) =>
        {
            var reader = user.IsInRole(Roles.Centre) ? new ConfirmationReader(user.CentreId(), null) : new ConfirmationReader(null, user.Subject());
            var outcome = await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetConfirmation(reader));
            if (!outcome.IsSuccess) return Problems.Result(outcome.Rejection!);
            return WantsHtml(http) ? new PrintablePage(ConfirmationPage.Render(outcome.Value!)) : Results.Json(outcome.Value, ApiJson.Options);
        }).RequireAuthorization(AuctionAuth.CentreOrBidderPolicy);
        return api;
    }

    /// <summary>A regulator may read any sale; a centre only its own (NOT_LISTING_OWNER); an unknown listing is 404.</summary>
    private static async Task<IResult?> OwnedUnlessRegulator(string id, ClaimsPrincipal user, IGrainFactory grains, ClusterCalls calls)
    {
        var listing = await calls.Idempotent(() => grains.GetGrain<IListingGrain>(id).GetSnapshot());
        if (!listing.IsSuccess) return Problems.Result(listing.Rejection!);
        if (user.IsInRole(Roles.Regulator) || listing.Value!.Centre == user.CentreId()) return null;
        return Problems.Result(RejectionCodes.NotListingOwner, "Only the centre that published this listing (or a regulator) may see its deposits.");
    }

    /// <summary>HTML when the client prefers <c>text/html</c> to JSON (by quality, then order); JSON otherwise.</summary>
    private static bool WantsHtml(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().Accept
            .Select((range, order) => (Range: range, Order: order))
            .OrderByDescending(a => a.Range.Quality ?? 1.0).ThenBy(a => a.Order)
            .FirstOrDefault(a => a.Range.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
                || a.Range.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || a.Range.MatchesAllTypes);
        return preferred.Range?.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) == true;
    }

    /// <summary>A printable page of private data: never cached, never framed, its own strict Content-Security-Policy.</summary>
    private sealed class PrintablePage(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy = ConfirmationPage.ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return Results.Content(html, "text/html; charset=utf-8").ExecuteAsync(context);
        }
    }
}
