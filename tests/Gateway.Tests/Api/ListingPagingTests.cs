using System.Net;
using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.Api;

/// <summary>
/// <c>GET /api/listings</c> is paged (API.md v2): <c>?limit=</c> 1–200 (default 50), <c>?cursor=</c> from the last page's
/// <c>nextCursor</c>, body <c>{ items, nextCursor }</c>; filters still apply; a page asks only its own listings.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ListingPagingTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Pages_follow_nextCursor_in_opening_order_until_it_is_null_and_filters_still_apply()
    {
        var centre = await _api.Centre();
        var published = new List<PublishedListing>();
        for (var i = 0; i < 5; i++)
            published.Add(await _api.Publish(centre, _api.ListingBody(startsIn: TimeSpan.FromHours(5 - i), use: i % 2 == 0 ? "commercial" : "residential")));

        var pages = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await _api.Get($"/api/listings?centre={centre.Centre}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            pages.Add(page);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.Equal(JsonValueKind.Null, pages[^1].GetProperty("nextCursor").ValueKind);
        var ids = pages.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(v => v.GetProperty("id").GetString()).ToArray();
        Assert.Equal(published.OrderBy(l => l.StartsAt).Select(l => l.Id), ids); // by biddingStartsAt, each once

        var commercial = await _api.Listings($"centre={centre.Centre}&use=commercial");
        Assert.Equal(published.Where((_, i) => i % 2 == 0).OrderBy(l => l.StartsAt).Select(l => l.Id), commercial.Select(v => v.GetProperty("id").GetString()));
        Assert.Empty(await _api.Listings($"centre={centre.Centre}&status=open"));
        factory.AdvanceTo(published.Min(l => l.StartsAt)); // the earliest opens by server time, before any timer fires
        Assert.Equal([published[^1].Id], (await _api.Listings($"centre={centre.Centre}&status=open")).Select(v => v.GetProperty("id").GetString()));
        Assert.Equal(4, (await _api.Listings($"centre={centre.Centre}&status=announced")).Count);

        var defaultPage = await _api.Get("/api/listings");
        Assert.True(defaultPage.GetProperty("items").GetArrayLength() <= 50);
    }

    [Fact]
    public async Task A_page_snapshots_only_its_own_listings_not_the_whole_catalog()
    {
        var centre = await _api.Centre();
        for (var i = 0; i < 6; i++) await _api.Publish(centre);
        Assert.True((await _api.Listings()).Count >= 6);

        var before = factory.GrainCalls.Count;
        var page = await _api.Get("/api/listings?limit=2");
        var snapshots = factory.GrainCalls.All.Skip(before).Count(c => c.Method == "GetSnapshot");
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(2, snapshots);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("limit=", "limit")]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("cursor=", "cursor")]
    [InlineData("cursor=djJ8MHxMMDEyMzQ1Njc4OWFiY2RlZg", "cursor")] // "v2|0|L0123456789abcdef": not a version we issued
    [InlineData("cursor=djF8MHx4", "cursor")] // "v1|0|x": not a listing id
    public async Task An_invalid_limit_or_cursor_is_422_VALIDATION_FAILED_naming_the_parameter(string query, string field)
    {
        var problem = await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync($"/api/listings?{query}"), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }
}
