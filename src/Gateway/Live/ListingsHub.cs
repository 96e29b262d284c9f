using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Live;
using Auction.Gateway.Auth;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Http;
using Microsoft.AspNetCore.SignalR;

namespace Auction.Gateway.Live;

/// <summary>What the server sends to hub clients (API.md "Server → client").</summary>
public interface IListingsClient
{
    Task ListingEvent(PublicListingEvent e);

    /// <summary>API.md v2: a countdown's deadline is near (60, 30, 10 s by default); no <c>seq</c>, not an event.</summary>
    Task CountdownWarning(CountdownWarning warning);
}

/// <summary>
/// <c>/hubs/listings</c>: anyone may watch; bidders may bid. <see cref="Watch"/> registers the connection
/// first and then reads the snapshot, so no event falls between them; events the snapshot already holds are
/// not sent live, so each event reaches the connection exactly once.
/// </summary>
public sealed class ListingsHub(IGrainFactory grains, ClusterCalls calls, LiveEvents live, BidService bids, LiveSettings settings) : Hub<IListingsClient>
{
    public const string Path = "/hubs/listings";

    /// <summary>The hub's refusal when a connection already watches as many listings as it may.</summary>
    public const string TooManyWatches = "TOO_MANY_WATCHES";

    public async Task<WatchResult> Watch(string listingId, long afterSeq)
    {
        // The id's shape is checked before any grain or dictionary is touched: made-up ids cost nothing.
        if (!ListingIds.IsWellFormed(listingId)) throw Refusal(ListingIds.NotFound());
        if (!live.TryBeginWatch(Context, listingId, out var watch))
            throw new HubException($"{TooManyWatches}: a connection may watch at most {settings.MaxWatchesPerConnection} listings at once; call Unwatch first or open another connection.");
        try
        {
            var listing = grains.GetGrain<IListingGrain>(listingId);
            var snapshot = await calls.Idempotent(listing.GetSnapshot);
            if (!snapshot.IsSuccess) throw Refusal(snapshot.Rejection!);
            var (missed, hasMore) = await Missed(listing, Math.Max(0, afterSeq), snapshot.Value!.Seq);
            live.CompleteWatch(watch, snapshot.Value.Seq);
            return new WatchResult(snapshot.Value, missed, hasMore);
        }
        catch
        {
            live.Unwatch(Context.ConnectionId, listingId);
            throw;
        }
    }

    /// <summary>
    /// API.md: at most <see cref="LiveSettings.MaxMissed"/> events after <paramref name="afterSeq"/> up to the snapshot;
    /// <c>hasMore</c> when the snapshot is further ahead, and the client reads the rest from <c>/events</c>.
    /// </summary>
    private async Task<(IReadOnlyList<PublicListingEvent> Missed, bool HasMore)> Missed(IListingGrain listing, long afterSeq, long snapshotSeq)
    {
        if (afterSeq >= snapshotSeq) return ([], false);
        var page = (await calls.Idempotent(() => listing.GetEvents(afterSeq, LiveSettings.MaxMissed))).Value ?? [];
        var missed = page.Where(e => e.Seq <= snapshotSeq).Take(LiveSettings.MaxMissed).ToArray();
        var reached = missed.Length > 0 ? missed[^1].Seq : afterSeq;
        return (missed, reached < snapshotSeq);
    }

    public Task Unwatch(string listingId)
    {
        if (ListingIds.IsWellFormed(listingId)) live.Unwatch(Context.ConnectionId, listingId);
        return Task.CompletedTask;
    }

    public async Task<PlaceBidResult> PlaceBid(string listingId, decimal amount, string requestId)
    {
        var user = Context.User;
        if (user?.Identity?.IsAuthenticated != true || !user.IsInRole(Roles.Bidder))
            return new PlaceBidResult(false, Code: GatewayCodes.Forbidden, Message: "Only an authenticated bidder may bid.");
        var outcome = await bids.Place(listingId, user.Subject(), amount, requestId, BidTransport.Hub);
        return outcome.IsSuccess ? new PlaceBidResult(true, outcome.Value) : PlaceBidResult.Refused(outcome.Rejection!);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        live.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private static HubException Refusal(Rejection rejection) => new($"{rejection.Code}: {rejection.Message}");
}
