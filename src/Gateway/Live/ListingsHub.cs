using Auction.Contracts.Listings;
using Auction.Gateway.Auth;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Http;
using Microsoft.AspNetCore.SignalR;

namespace Auction.Gateway.Live;

/// <summary>What the server sends to hub clients (API.md "Server → client").</summary>
public interface IListingsClient
{
    Task ListingEvent(PublicListingEvent e);
}

/// <summary>
/// <c>/hubs/listings</c>: anyone may watch; bidders may bid. <see cref="Watch"/> registers the connection
/// first and then reads the snapshot, so no event falls between them; events the snapshot already holds are
/// not sent live, so each event reaches the connection exactly once.
/// </summary>
public sealed class ListingsHub(IGrainFactory grains, ClusterCalls calls, LiveEvents live, BidService bids) : Hub<IListingsClient>
{
    public const string Path = "/hubs/listings";

    public async Task<WatchResult> Watch(string listingId, long afterSeq)
    {
        var watch = live.BeginWatch(Context, listingId);
        try
        {
            var listing = grains.GetGrain<IListingGrain>(listingId);
            var snapshot = await calls.Idempotent(listing.GetSnapshot);
            if (!snapshot.IsSuccess) throw new HubException($"{snapshot.Rejection!.Code}: {snapshot.Rejection.Message}");
            var missed = new List<PublicListingEvent>();
            for (var from = Math.Max(0, afterSeq); from < snapshot.Value!.Seq;)
            {
                var after = from;
                var page = (await calls.Idempotent(() => listing.GetEvents(after, 1000))).Value ?? [];
                if (page.Count == 0) break;
                missed.AddRange(page.Where(e => e.Seq <= snapshot.Value.Seq));
                from = page[^1].Seq;
            }
            live.CompleteWatch(watch, snapshot.Value.Seq);
            return new WatchResult(snapshot.Value, missed);
        }
        catch
        {
            live.Unwatch(Context.ConnectionId, listingId);
            throw;
        }
    }

    public Task Unwatch(string listingId)
    {
        live.Unwatch(Context.ConnectionId, listingId);
        return Task.CompletedTask;
    }

    public async Task<PlaceBidResult> PlaceBid(string listingId, decimal amount, string requestId)
    {
        var user = Context.User;
        if (user?.Identity?.IsAuthenticated != true || !user.IsInRole(Roles.Bidder))
            return new PlaceBidResult(false, Code: GatewayCodes.Forbidden, Message: "Only an authenticated bidder may bid.");
        var outcome = await bids.Place(listingId, user.Subject(), amount, requestId);
        return outcome.IsSuccess
            ? new PlaceBidResult(true, outcome.Value)
            : new PlaceBidResult(false, Code: outcome.Rejection!.Code, Message: outcome.Rejection.Message, MinNextBid: outcome.Rejection.MinNextBid);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        live.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
