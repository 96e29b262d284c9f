using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Gateway.Http;
using Auction.Silo.Catalog;
using Auction.Silo.Hosting;

namespace Auction.Gateway.Endpoints;

/// <summary>
/// <c>GET /api/listings</c>, paged (API.md v2): listings in the order they open (<c>biddingStartsAt</c>, then id), at
/// most <c>limit</c> per page, each page costing the catalog call and one snapshot per listing on the page — never one
/// per listing of the catalog. A page may hold fewer items than <c>limit</c> when a status filter had to skip
/// listings whose status moved on; only <c>nextCursor: null</c> means the end.
/// </summary>
public static class ListingPages
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>With a status filter, how many catalog pages one request may examine to fill its page.</summary>
    private const int MaxRounds = 3;

    public static async Task<IResult> List(ListingStatus? status, LandUse? use, string? centre, string? limitText, string? cursorText,
        IGrainFactory grains, ClusterCalls calls, AuctionClock clock)
    {
        var errors = new Dictionary<string, string[]>();
        var limit = DefaultLimit;
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            errors["limit"] = [$"must be a whole number from 1 to {MaxLimit} (default {DefaultLimit})"];
        CatalogPosition? after = null;
        if (cursorText is not null && !Cursor.TryDecode(cursorText, out after))
            errors["cursor"] = ["must be the nextCursor of a previous page, unchanged"];
        if (errors.Count > 0) return Problems.Result(Rejection.Validation(errors));

        var catalog = grains.GetGrain<ICatalogGrain>(CatalogGrain.DefaultKey);
        var items = new List<ListingSnapshot>(limit);
        var more = true;
        for (var round = 0; round < MaxRounds && more && items.Count < limit; round++)
        {
            var query = new CatalogQuery(centre, use, status, clock.Now, after, limit - items.Count);
            var page = await calls.Idempotent(() => catalog.Page(query));
            // The catalog narrows the set; each listing answers for itself, so status follows server time.
            var views = await Task.WhenAll(page.Entries.Select(e => calls.Idempotent(() => grains.GetGrain<IListingGrain>(e.ListingId).GetSnapshot())));
            items.AddRange(views.Where(v => v.IsSuccess && (status is null || v.Value!.Status == status)).Select(v => v.Value!));
            if (page.Entries.Count > 0) after = new CatalogPosition(page.Entries[^1].BiddingStartsAt, page.Entries[^1].ListingId);
            more = page.More;
        }
        return Results.Json(new ListingPage(items, more && after is not null ? Cursor.Encode(after) : null), ApiJson.Options);
    }

    /// <summary>
    /// The opaque cursor: base64url of <c>v1|{biddingStartsAt ticks}|{listing id}</c>, the last listing examined.
    /// Opaque to clients so that the order may change later; it carries no filter, so the same filters go with it.
    /// </summary>
    public static class Cursor
    {
        private const string Version = "v1";

        public static string Encode(CatalogPosition position) =>
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}|{position.BiddingStartsAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{position.ListingId}"));

        public static bool TryDecode(string text, out CatalogPosition? position)
        {
            position = null;
            if (text.Length is 0 or > 128 || !Base64Url.IsValid(text)) return false;
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
            if (parts is not [Version, var ticksText, var listingId]
                || !long.TryParse(ticksText, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
                || !ListingIds.IsWellFormed(listingId))
                return false;
            position = new CatalogPosition(new DateTimeOffset(ticks, TimeSpan.Zero), listingId);
            return true;
        }
    }
}
