using Auction.Gateway.Endpoints;
using Auction.Gateway.Http;

namespace Auction.Gateway.Limits;

/// <summary>
/// Every <c>{id}</c> route of the API answers 404 <c>LISTING_NOT_FOUND</c> for an id that cannot be a listing's,
/// before its handler runs, so a made-up id never activates a grain. One filter on the <c>/api</c> group covers every
/// handler with a <c>string id</c> route parameter, present and future.
/// </summary>
public static class ListingIdFilter
{
    public static RouteGroupBuilder RequireWellFormedListingIds(this RouteGroupBuilder api)
    {
        api.AddEndpointFilterFactory((factory, next) =>
            factory.MethodInfo.GetParameters().Any(p => p.Name == "id" && p.ParameterType == typeof(string))
                ? context => ListingIds.IsWellFormed(context.HttpContext.Request.RouteValues["id"] as string)
                    ? next(context)
                    : ValueTask.FromResult<object?>(Problems.Result(ListingIds.NotFound()))
                : next);
        return api;
    }
}
