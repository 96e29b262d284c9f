using System.Text.RegularExpressions;
using Auction.Web.Tests.Infrastructure;

namespace Auction.Web.Tests.Methods;

/// <summary>Auctions (拍卖) in the web app: published from the form, bid online against the countdown, run on site from the hall page.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class AuctionPagesTests(WebApp app)
{
    private Api Api => app.Api;

    [Fact]
    public async Task A_centre_publishes_an_online_auction_in_the_form_and_a_bidder_bids_and_sees_the_hammer_fall()
    {
        var officer = Api.NewId("officer");
        var centrePage = await app.NewPage();
        await Session.SignIn(centrePage, "centre", officer, "Suzhou Land Trading Centre", "centre-sz", "/centre/publish");
        var parcelNo = Api.NewId("AUC2026");
        await centrePage.GetByLabel("宗地编号").FillAsync(parcelNo);
        await centrePage.GetByLabel("坐落").FillAsync("Gusu, Suzhou");
        await centrePage.GetByLabel("行政区划代码").FillAsync("320508");
        await centrePage.GetByLabel("土地用途").SelectOptionAsync("commercial");
        await centrePage.GetByLabel("出让面积（平方米）").FillAsync("20000");
        await centrePage.GetByLabel("出让年限").FillAsync("40");
        await centrePage.Locator("#f-method").SelectOptionAsync("auction");
        await Assertions.Expect(centrePage.Locator("#f-biddingEndsAt")).ToHaveCountAsync(0); // an auction has no listing deadline
        await centrePage.Locator("#f-auction-countdownSeconds").FillAsync("15");
        await centrePage.GetByLabel("起始价（元）").FillAsync("14500000");
        await centrePage.GetByLabel("增价幅度（元）").FillAsync("100000");
        await centrePage.GetByLabel("竞买保证金（元）").FillAsync("2900000");
        // The auction starts 25 s from now by the server's clock; applications and deposits close at the start.
        var starts = MethodsApi.ChinaInput(await Api.ServerNow() + TimeSpan.FromSeconds(25));
        foreach (var field in new[] { "#f-biddingStartsAt", "#f-applicationDeadline", "#f-depositDeadline" }) await centrePage.Locator(field).FillAsync(starts);
        await Screenshots.Save(centrePage, "auction-publish");
        await centrePage.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        var published = centrePage.WaitForURLAsync("**/centre/listings/L*");
        var refused = centrePage.Locator(".error-summary").WaitForAsync();
        if (await Task.WhenAny(published, refused) == refused)
            Assert.Fail($"the form was refused: {await centrePage.Locator(".error-summary").InnerTextAsync()}");
        await published;
        var listingId = ListingId().Match(centrePage.Url).Groups[1].Value;
        await Assertions.Expect(centrePage.Locator("[data-auction-mode]")).ToHaveAttributeAsync("data-auction-mode", "online");

        var subject = Api.NewId("alpha");
        var token = await Api.Token("bidder", subject, "Alpha Land Co., Ltd.");
        await Api.Qualify(token, listingId);
        var page = await app.NewPage();
        await Session.SignIn(page, "bidder", subject, "Alpha Land Co., Ltd.", returnTo: $"/listings/{listingId}");
        await Assertions.Expect(page.Locator(".countdown-label")).ToHaveTextAsync("距拍卖开始");

        // At the start the price bid panel appears, with the countdown to the hammer.
        var minButton = page.Locator("button.bid-min");
        await Assertions.Expect(minButton).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".countdown-label")).ToHaveTextAsync("距落槌");
        await minButton.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "确认报价" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-leading]")).ToHaveAttributeAsync("data-leading", "001");
        var remaining = int.Parse(await page.Locator("time.countdown-value").GetAttributeAsync("data-remaining-ms") ?? "0");
        Assert.InRange(remaining, 1, 15_000);
        await Screenshots.Save(page, "auction-online-bid");

        // Fifteen seconds without a new bid: the hammer falls and the result notice names the winner.
        var result = page.Locator(".result-notice[data-outcome='sold']");
        await Assertions.Expect(result).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Assertions.Expect(result).ToContainTextAsync("Alpha Land Co., Ltd.");
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveAttributeAsync("data-status", "sold");
        await Screenshots.Save(page, "auction-online-sold");
    }

    [Fact]
    public async Task The_auctioneer_records_paddles_by_bidder_number_hears_a_refusal_and_strikes_the_hammer()
    {
        var centre = await Api.Centre();
        var listing = await Api.PublishAuction(centre, TimeSpan.FromSeconds(4), "onSite");
        await Api.QualifiedBidder(listing.Id, "Alpha Land Co., Ltd.");
        await Api.QualifiedBidder(listing.Id, "Beta Holdings Ltd.");
        await Api.WaitForStatus(listing.Id, "open", TimeSpan.FromSeconds(30));

        var page = await app.NewPage();
        await Session.SignIn(page, "centre", Api.NewId("officer"), "Suzhou Land Trading Centre", "centre-sz", $"/centre/listings/{listing.Id}");
        await page.Locator("a.method-link").ClickAsync();
        await page.WaitForURLAsync($"**/centre/listings/{listing.Id}/hall");
        await Assertions.Expect(page.Locator("#paddle-no-hint")).ToContainTextAsync("001, 002");

        // Paddle 001 at the starting price (the amount left empty), then paddle 002 one step up.
        await page.GetByLabel("竞买号（号牌）").FillAsync("001");
        await page.GetByRole(AriaRole.Button, new() { Name = "录入报价" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.bids")).ToHaveAttributeAsync("data-rows", "1");
        await page.GetByLabel("竞买号（号牌）").FillAsync("002");
        await page.GetByLabel("报价（元）").FillAsync("1460万");
        await page.GetByRole(AriaRole.Button, new() { Name = "录入报价" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.bids")).ToHaveAttributeAsync("data-rows", "2");
        await Assertions.Expect(page.Locator("[data-leading]")).ToHaveAttributeAsync("data-leading", "002");
        await Assertions.Expect(page.Locator("[data-channel='floor']")).ToHaveCountAsync(2);

        // A paddle nobody holds is refused in words.
        await page.GetByLabel("竞买号（号牌）").FillAsync("009");
        await page.GetByRole(AriaRole.Button, new() { Name = "录入报价" }).ClickAsync();
        await Assertions.Expect(page.Locator(".floor-bid-form [data-code='UNKNOWN_BIDDER_NO']")).ToContainTextAsync("竞买号不存在或未取得资格");
        await Screenshots.Save(page, "auction-hall");

        await page.GetByRole(AriaRole.Button, new() { Name = "落槌", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("由 002 号竞得");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认落槌" }).ClickAsync();
        var result = page.Locator(".result-notice[data-outcome='sold']");
        await Assertions.Expect(result).ToContainTextAsync("Beta Holdings Ltd.");
        await Assertions.Expect(result).ToContainTextAsync("14,600,000 元");
        await Screenshots.Save(page, "auction-hall-hammer");
    }

    [GeneratedRegex(@"/centre/listings/(L[0-9a-f]+)")]
    private static partial Regex ListingId();
}
