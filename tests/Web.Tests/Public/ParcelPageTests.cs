using System.Text.RegularExpressions;
using Auction.Web.Tests.Infrastructure;

namespace Auction.Web.Tests.Public;

/// <summary>The public parcel page: live bids, the server's countdown, a small first load on one hub connection.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ParcelPageTests(WebApp app)
{
    private Api Api => app.Api;

    /// <summary>An open listing with one qualified bidder, and its page.</summary>
    private async Task<(TestListing Listing, string Bidder)> OpenListingWithBidder()
    {
        var listing = await Api.OpenListing();
        var bidder = await Api.Token("bidder", Api.NewId("alpha"), "Alpha Land Co., Ltd.");
        await Api.Qualify(bidder, listing.Id);
        return (listing, bidder);
    }

    [Fact]
    public async Task A_bid_placed_over_REST_appears_on_an_open_public_page_within_2_s_in_the_chart_and_the_table()
    {
        var (listing, bidder) = await OpenListingWithBidder();
        await Api.Bid(bidder, listing.Id, 14_500_000m);
        var page = await app.NewPage();
        await page.GotoAsync($"/listings/{listing.Id}");
        await Assertions.Expect(page.Locator("[data-connection='live']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.bids")).ToHaveAttributeAsync("data-rows", "1");

        await Api.Bid(bidder, listing.Id, 14_600_000m);

        var fast = new LocatorAssertionsToHaveAttributeOptions { Timeout = 2000 };
        await Assertions.Expect(page.Locator("table.bids")).ToHaveAttributeAsync("data-rows", "2", fast);
        await Assertions.Expect(page.Locator("figure.chart")).ToHaveAttributeAsync("data-points", "2", fast);
        await Assertions.Expect(page.Locator("table.bids tbody tr").First).ToContainTextAsync("14,600,000");
        await Assertions.Expect(page.Locator("[data-current-price]")).ToHaveAttributeAsync("data-current-price", "14600000");
        await Assertions.Expect(page.Locator("figure.chart figcaption")).ToContainTextAsync("1,460 万元");
        await Screenshots.Save(page, "public-parcel-live-bid");
    }

    [Fact]
    public async Task The_first_load_of_a_public_parcel_page_transfers_at_most_300_KB_compressed_over_one_hub_connection()
    {
        var (listing, bidder) = await OpenListingWithBidder();
        await Api.Bid(bidder, listing.Id, 14_500_000m);
        var page = await app.NewPage();
        var requests = new List<Microsoft.Playwright.IRequest>();
        var sockets = new List<string>();
        page.RequestFinished += (_, request) => requests.Add(request);
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);

        await page.GotoAsync($"/listings/{listing.Id}");
        await Assertions.Expect(page.Locator("[data-connection='live']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("figure.chart canvas")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        long transferred = 0;
        var lines = new List<string>();
        foreach (var request in requests.ToArray())
        {
            var sizes = await request.SizesAsync();
            transferred += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            lines.Add($"{sizes.ResponseBodySize,8} {request.Url}");
        }
        Assert.True(transferred <= 300 * 1024, $"first load transferred {transferred} bytes:\n{string.Join('\n', lines)}");
        Assert.Equal(1, requests.Count(r => r.Url.Contains("/hubs/listings/negotiate", StringComparison.Ordinal)));
        Assert.Single(sockets, url => url.Contains("/hubs/listings", StringComparison.Ordinal));
        // Compressed: the scripts came with a content encoding.
        var script = requests.First(r => r.Url.Contains("/lib/uplot/", StringComparison.Ordinal));
        Assert.Equal("gzip", (await script.AllHeadersAsync()).GetValueOrDefault("content-encoding") ?? (await (await script.ResponseAsync())!.AllHeadersAsync()).GetValueOrDefault("content-encoding"));
        await Screenshots.Save(page, "public-parcel-first-load");
    }

    [Fact]
    public async Task With_the_browser_clock_5_minutes_wrong_the_countdown_shows_the_servers_remaining_time_within_1_s()
    {
        var (listing, _) = await OpenListingWithBidder();
        var page = await app.NewPage();
        await page.Clock.InstallAsync(new() { TimeDate = DateTime.UtcNow.AddMinutes(5) });
        await page.GotoAsync($"/listings/{listing.Id}");
        await Assertions.Expect(page.Locator("[data-connection='live']")).ToBeVisibleAsync();
        var countdown = page.Locator("time.countdown-value");
        await Assertions.Expect(countdown).ToHaveAttributeAsync("data-remaining-ms", new Regex(@"^\d+$"));
        await page.WaitForTimeoutAsync(1500); // let the clock sync settle (three /api/time samples)

        var shown = long.Parse(await countdown.GetAttributeAsync("data-remaining-ms") ?? "0");
        var serverNow = await Api.ServerNow();
        var expected = (listing.EndsAt - serverNow).TotalMilliseconds;
        Assert.True(Math.Abs(shown - expected) <= 1000, $"countdown shows {shown} ms, the server has {expected:0} ms left");
        var text = await countdown.InnerTextAsync();
        Assert.Matches(@"^\d\d:\d\d:\d\d$", text);
        await Screenshots.Save(page, "public-parcel-clock-skew");
    }

    [Fact]
    public async Task When_the_hub_connection_is_cut_and_restored_the_page_resyncs_without_a_duplicate_row()
    {
        var (listing, bidder) = await OpenListingWithBidder();
        await Api.Bid(bidder, listing.Id, 14_500_000m);
        var page = await app.NewPage();
        var cut = false;
        IWebSocketRoute? socket = null;
        await page.RouteWebSocketAsync(new Regex("/hubs/listings"), ws =>
        {
            socket = ws;
            var server = ws.ConnectToServer();
            // While cut, nothing reaches the page; the socket is then closed, as a dropped network would.
            server.OnMessage(message => { if (!cut) ws.Send(message.Text!); });
            ws.OnMessage(message => { if (!cut) server.Send(message.Text!); });
        });
        await page.RouteAsync("**/hubs/listings/negotiate*", route => cut ? route.AbortAsync() : route.ContinueAsync());
        await page.GotoAsync($"/listings/{listing.Id}");
        await Assertions.Expect(page.Locator("[data-connection='live']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.bids")).ToHaveAttributeAsync("data-rows", "1");

        cut = true;
        await Api.Bid(bidder, listing.Id, 14_600_000m);
        await socket!.CloseAsync();
        await Assertions.Expect(page.Locator("[data-connection='reconnecting'], [data-connection='offline']")).ToBeVisibleAsync();
        await Api.Bid(bidder, listing.Id, 14_700_000m);
        await Screenshots.Save(page, "public-parcel-connection-cut");
        cut = false;

        await Assertions.Expect(page.Locator("[data-connection='live']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("table.bids")).ToHaveAttributeAsync("data-rows", "3");
        var seqs = await page.Locator("table.bids tbody tr").EvaluateAllAsync<long[]>("rows => rows.map(r => Number(r.dataset.seq))");
        Assert.Equal(seqs.Distinct().Count(), seqs.Length);
        Assert.Equal(3, seqs.Length);
        await Screenshots.Save(page, "public-parcel-resynced");
    }
}
