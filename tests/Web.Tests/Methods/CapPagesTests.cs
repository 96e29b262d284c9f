using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Auction.Web.Tests.Infrastructure;

namespace Auction.Web.Tests.Methods;

/// <summary>Price caps (最高限价) in the page: a listing capped into a lottery whose draw the page recomputes; a one-time quote.</summary>
[Collection(WebAppCollection.Name)]
public sealed class CapPagesTests(WebApp app)
{
    private Api Api => app.Api;

    [Fact]
    public async Task A_capped_listing_goes_to_a_lottery_a_bidder_joins_in_the_page_and_the_page_recomputes_the_draw()
    {
        var centre = await Api.Centre();
        var cap = new JsonObject { ["amount"] = 15_000_000m, ["mode"] = "lottery", ["confirmSeconds"] = 10 };
        var listing = await Api.PublishCappedListing(centre, TimeSpan.FromSeconds(25), cap);
        var subject = Api.NewId("alpha");
        var alpha = await Api.Token("bidder", subject, "Alpha Land Co., Ltd.");
        await Api.Qualify(alpha, listing.Id);
        var beta = await Api.QualifiedBidder(listing.Id, "Beta Holdings Ltd.");

        var page = await app.NewPage();
        await Session.SignIn(page, "bidder", subject, "Alpha Land Co., Ltd.", returnTo: $"/listings/{listing.Id}");
        await Assertions.Expect(page.Locator("[data-cap]")).ToHaveAttributeAsync("data-cap", "15000000");
        await Api.WaitForStatus(listing.Id, "open", TimeSpan.FromSeconds(20));
        await Api.Bid(beta, listing.Id, 15_000_000m); // the cap quote

        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveAttributeAsync("data-status", "capped");
        await Assertions.Expect(page.Locator(".countdown-label")).ToHaveTextAsync("距摇号");
        await page.GetByRole(AriaRole.Button, new() { Name = "参加摇号" }).ClickAsync();
        await Assertions.Expect(page.Locator(".lottery-panel")).ToHaveAttributeAsync("data-joined", "true");
        await Screenshots.Save(page, "cap-lottery-joined");

        // The draw at the joining deadline (the listing's end): the page recomputes it from the revealed secret.
        var draw = page.Locator(".lottery-draw");
        await Assertions.Expect(draw).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(draw.Locator("[data-entrants]")).ToHaveAttributeAsync("data-entrants", "001,002");
        var lottery = await Api.Get($"/api/listings/{listing.Id}/lottery");
        var winner = lottery.GetProperty("winnerBidderNo").GetString()!;
        await page.GetByRole(AriaRole.Button, new() { Name = "在浏览器中重新计算" }).ClickAsync();
        var check = page.Locator(".lottery-check");
        await Assertions.Expect(check).ToHaveAttributeAsync("data-verified", "true");
        await Assertions.Expect(check).ToHaveAttributeAsync("data-recomputed-winner", winner);
        await Assertions.Expect(check).ToHaveAttributeAsync("data-index", lottery.GetProperty("winnerIndex").GetInt32().ToString());

        // The same draw computed here, as README's recipe does it.
        var secret = lottery.GetProperty("secret").GetString()!;
        var mac = HMACSHA256.HashData(Convert.FromHexString(secret), Encoding.UTF8.GetBytes($"{listing.Id}|001,002"));
        Assert.Equal(winner, new[] { "001", "002" }[(int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(mac) % 2)]);
        await Assertions.Expect(page.Locator(".result-notice[data-outcome='sold']")).ToBeVisibleAsync();
        await Screenshots.Save(page, "cap-lottery-verified");
    }

    [Fact]
    public async Task A_capped_auction_goes_to_one_time_quotes_a_bidder_confirms_and_seals_its_quote_in_the_page()
    {
        var centre = await Api.Centre();
        var cap = new JsonObject
        {
            ["amount"] = 15_000_000m, ["mode"] = "oneTimeQuote", ["confirmSeconds"] = 15, ["quoteSeconds"] = 20,
            ["oneTimeQuote"] = new JsonObject { ["min"] = 15_000_000m, ["max"] = 16_000_000m },
        };
        var listing = await Api.PublishAuction(centre, TimeSpan.FromSeconds(4), "online", countdownSeconds: 120, priceCap: cap);
        var subject = Api.NewId("alpha");
        var alpha = await Api.Token("bidder", subject, "Alpha Land Co., Ltd.");
        await Api.Qualify(alpha, listing.Id);
        var beta = await Api.QualifiedBidder(listing.Id, "Beta Holdings Ltd.");
        var page = await app.NewPage();
        await Session.SignIn(page, "bidder", subject, "Alpha Land Co., Ltd.", returnTo: $"/listings/{listing.Id}");
        await Api.WaitForStatus(listing.Id, "open", TimeSpan.FromSeconds(20));
        await Api.Bid(beta, listing.Id, 15_000_000m);
        await Api.Post(beta, $"/api/listings/{listing.Id}/one-time/confirmations", new { requestId = Api.NewId("c") });

        await page.GetByRole(AriaRole.Button, new() { Name = "确认参加一次报价" }).ClickAsync();
        var panel = page.Locator(".one-time-panel");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-confirmed", "true");
        // Quoting opens at the joining deadline, by the server's clock.
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-quoting", "true", new() { Timeout = 30_000 });
        await Api.Post(beta, $"/api/listings/{listing.Id}/one-time/quotes", new { requestId = Api.NewId("q"), amount = 15_400_000m });
        await page.GetByLabel("一次报价（元，整数）").FillAsync("15400000");
        await page.GetByRole(AriaRole.Button, new() { Name = "密封提交报价" }).ClickAsync();
        await Assertions.Expect(panel.Locator("[data-code='QUOTE_TAKEN']")).ToBeVisibleAsync();
        await page.GetByLabel("一次报价（元，整数）").FillAsync("15300000");
        await page.GetByRole(AriaRole.Button, new() { Name = "密封提交报价" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".my-quote")).ToHaveAttributeAsync("data-amount", "15300000");
        await Screenshots.Save(page, "cap-one-time-sealed");

        // The opening: average 15,350,000; equally close, the quote below the average wins.
        var opened = page.Locator(".one-time-opened");
        await Assertions.Expect(opened).ToHaveAttributeAsync("data-winner", "001", new() { Timeout = 45_000 });
        await Assertions.Expect(opened).ToContainTextAsync("15,350,000 元");
        await Assertions.Expect(page.Locator(".result-notice[data-outcome='sold']")).ToContainTextAsync("Alpha Land Co., Ltd.");
        await Screenshots.Save(page, "cap-one-time-opened");
    }
}
