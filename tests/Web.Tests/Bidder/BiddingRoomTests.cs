using Auction.Web.Tests.Infrastructure;

namespace Auction.Web.Tests.Bidder;

/// <summary>The bidding room: sign in, apply, qualify live, bid with the confirmation in capital numerals, refusals in words.</summary>
[Collection(WebAppCollection.Name)]
public sealed class BiddingRoomTests(WebApp app)
{
    private Api Api => app.Api;

    private Task<TestListing> OpenListing(string incrementRule = "atLeastOneStep") =>
        Api.OpenListing(body => body["incrementRule"] = incrementRule);

    [Fact]
    public async Task A_bidder_signs_in_applies_is_credited_bids_through_the_page_and_reads_the_refusal_of_a_too_low_bid()
    {
        var listing = await OpenListing();
        var subject = Api.NewId("alpha");
        var page = await app.NewPage();
        await Session.SignIn(page, "bidder", subject, "Alpha Land Co., Ltd.", returnTo: $"/listings/{listing.Id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "申请竞买" }).ClickAsync();
        var application = page.Locator("[data-application-status]");
        await Assertions.Expect(application).ToHaveAttributeAsync("data-application-status", "awaitingDeposit");
        var account = (await page.Locator("dd.account").InnerTextAsync()).Replace(" ", "");
        Assert.Matches(@"^\d{13}$", account);
        await Screenshots.Save(page, "bidder-applied");

        await Api.Credit(account, 2_900_000m); // the bank's signed callback
        await Assertions.Expect(application).ToHaveAttributeAsync("data-application-status", "qualified");
        await Assertions.Expect(application).ToContainTextAsync("竞买号 001");

        // One click on the minimum, then the confirmation repeats the amount in 万元 and in capital numerals.
        await page.Locator("button.bid-min").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.Locator("[data-capital]")).ToHaveTextAsync("壹仟肆佰伍拾万元整");
        await Assertions.Expect(dialog).ToContainTextAsync("1,450 万元");
        await Screenshots.Save(page, "bidder-confirm", fullPage: false);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认报价" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.bids")).ToHaveAttributeAsync("data-rows", "1");
        await Assertions.Expect(page.Locator("[data-leading]")).ToHaveAttributeAsync("data-leading", "001");

        // A competitor outbids while the confirmation of 14,600,000 is open: the server refuses it as too low.
        var beta = await Api.Token("bidder", Api.NewId("beta"), "Beta Holdings Ltd.");
        await Api.Qualify(beta, listing.Id);
        await page.GetByLabel("自定报价（元）").FillAsync("14,600,000");
        await page.GetByRole(AriaRole.Button, new() { Name = "报价", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog.Locator("[data-capital]")).ToHaveTextAsync("壹仟肆佰陆拾万元整");
        await Api.Bid(beta, listing.Id, 14_600_000m);
        await Assertions.Expect(page.Locator("[data-current-price]")).ToHaveAttributeAsync("data-current-price", "14600000");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认报价" }).ClickAsync();

        var refusal = page.Locator(".bid-outcome[data-code='BID_TOO_LOW']");
        await Assertions.Expect(refusal).ToContainTextAsync("报价低于最低应价，未被接受。当前最低应价为 14,700,000 元。");
        await Screenshots.Save(page, "bidder-refused");
    }

    [Fact]
    public async Task An_amount_off_the_step_rule_is_explained_before_anything_is_sent()
    {
        var listing = await OpenListing("integerMultiple");
        var subject = Api.NewId("gamma");
        var token = await Api.Token("bidder", subject, "Gamma Realty");
        await Api.Qualify(token, listing.Id);
        var page = await app.NewPage();
        await Session.SignIn(page, "bidder", subject, "Gamma Realty", returnTo: $"/listings/{listing.Id}");
        var sent = 0;
        page.Request += (_, request) => { if (request.Method == "POST" && request.Url.EndsWith("/bids", StringComparison.Ordinal)) sent++; };

        await page.GetByLabel("自定报价（元）").FillAsync("14550000");
        await page.GetByRole(AriaRole.Button, new() { Name = "报价", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#bid-amount-error")).ToHaveTextAsync("报价须为增价幅度的整数倍，未被接受。最低应价为 14,500,000 元。");
        await Assertions.Expect(page.Locator("#bid-amount")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("自定报价（元）").FillAsync("1400万");
        await page.GetByRole(AriaRole.Button, new() { Name = "报价", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#bid-amount-error")).ToContainTextAsync("报价低于最低应价");
        Assert.Equal(0, sent);
        await Screenshots.Save(page, "bidder-step-rule");
    }

    [Fact]
    public async Task On_a_phone_sized_screen_a_qualified_bidder_bids_and_sees_the_countdown()
    {
        var listing = await OpenListing();
        var subject = Api.NewId("delta");
        var token = await Api.Token("bidder", subject, "Delta Land Ltd.");
        await Api.Qualify(token, listing.Id);
        var page = await app.NewPage(390, 844);
        await Session.SignIn(page, "bidder", subject, "Delta Land Ltd.", returnTo: $"/listings/{listing.Id}");

        await Assertions.Expect(page.Locator("time.countdown-value")).ToBeVisibleAsync();
        var minButton = page.Locator("button.bid-min");
        await minButton.ScrollIntoViewIfNeededAsync();
        await minButton.TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认报价" }).TapAsync();
        await Assertions.Expect(page.Locator("[data-leading]")).ToHaveAttributeAsync("data-leading", "001");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide on a 390 px screen");
        await minButton.ScrollIntoViewIfNeededAsync();
        await Screenshots.Save(page, "bidder-phone", fullPage: false);
    }
}
