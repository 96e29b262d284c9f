using System.Security.Cryptography;
using System.Text;
using Auction.Web.Tests.Infrastructure;

namespace Auction.Web.Tests.Methods;

/// <summary>A price tender (招标) end to end in the page: a sealed tender with its proposal's hash, the receipt, the opening, the commitment checked in the browser.</summary>
[Collection(WebAppCollection.Name)]
public sealed class TenderPagesTests(WebApp app)
{
    private Api Api => app.Api;

    [Fact]
    public async Task Bidders_tender_the_box_opens_at_the_deadline_and_a_bidder_checks_its_commitment_in_the_page()
    {
        var centre = await Api.Centre();
        var listing = await Api.PublishTender(centre, TimeSpan.FromSeconds(45), minTenderers: 2);
        var subject = Api.NewId("alpha");
        var alpha = await Api.Token("bidder", subject, "Alpha Land Co., Ltd.");
        await Api.Qualify(alpha, listing.Id);
        var beta = await Api.QualifiedBidder(listing.Id, "Beta Holdings Ltd.");
        var gamma = await Api.QualifiedBidder(listing.Id, "Gamma Realty");
        await Api.WaitForStatus(listing.Id, "open", TimeSpan.FromSeconds(20));
        await Api.Post(beta, $"/api/listings/{listing.Id}/tenders", new { requestId = Api.NewId("t"), amount = 15_100_000m });
        await Api.Post(gamma, $"/api/listings/{listing.Id}/tenders", new { requestId = Api.NewId("t"), amount = 14_900_000m });

        var page = await app.NewPage();
        await Session.SignIn(page, "bidder", subject, "Alpha Land Co., Ltd.", returnTo: $"/listings/{listing.Id}");
        await Assertions.Expect(page.Locator(".countdown-label")).ToHaveTextAsync("距开标");
        var proposal = Encoding.UTF8.GetBytes("Alpha's development plan: 3 buildings, 60,000 m² of floor area.");
        await page.GetByLabel("投标方案文件（可选）").SetInputFilesAsync(new FilePayload { Name = "plan.txt", MimeType = "text/plain", Buffer = proposal });
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(proposal));
        await Assertions.Expect(page.Locator("[data-sha256]")).ToHaveAttributeAsync("data-sha256", expectedHash);
        await page.GetByLabel("投标价（元）").FillAsync("15,250,000");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交投标" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.Locator("[data-capital]")).ToHaveTextAsync("壹仟伍佰贰拾伍万元整");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认报价" }).ClickAsync();

        // The receipt: salt, commitment, the box entry; the page recomputes the commitment from them.
        var receipt = page.Locator(".tender-receipt");
        await Assertions.Expect(receipt).ToContainTextAsync("15,250,000 元");
        var mine = await Api.Get($"/api/listings/{listing.Id}/tenders/mine", alpha);
        Assert.Equal(expectedHash, mine.GetProperty("proposalSha256").GetString());
        await Assertions.Expect(receipt).ToHaveAttributeAsync("data-commitment", mine.GetProperty("commitment").GetString()!);
        await Assertions.Expect(receipt.Locator("[data-salt]")).ToHaveTextAsync(mine.GetProperty("salt").GetString()!);
        await receipt.GetByRole(AriaRole.Button, new() { Name = "在浏览器中核对回执" }).ClickAsync();
        await Assertions.Expect(receipt.Locator(".commitment-check")).ToHaveAttributeAsync("data-verified", "true");
        await Screenshots.Save(page, "tender-receipt");

        // The opening, by the server's clock: every tender with its bidder's name and price; the highest wins.
        var opened = page.Locator("table.opened-tenders");
        await Assertions.Expect(opened).ToHaveAttributeAsync("data-rows", "3", new() { Timeout = 75_000 });
        await Assertions.Expect(opened).ToContainTextAsync("Gamma Realty");
        await Assertions.Expect(page.Locator(".result-notice[data-outcome='sold']")).ToContainTextAsync("Alpha Land Co., Ltd.");
        await page.GetByRole(AriaRole.Button, new() { Name = "核对开标公布的投标" }).ClickAsync();
        await Assertions.Expect(receipt.Locator(".commitment-check")).ToHaveAttributeAsync("data-verified", "true");
        await Assertions.Expect(receipt.Locator(".commitment-check")).ToContainTextAsync("开标公布的投标与您密封的投标一致");
        await page.GetByRole(AriaRole.Button, new() { Name = "在浏览器中核对全部承诺值" }).ClickAsync();
        await Assertions.Expect(opened.Locator("[data-check='true']")).ToHaveCountAsync(3);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 1280, $"the page is {width} px wide on a 1280 px screen (long hashes must wrap)");
        await Screenshots.Save(page, "tender-opened");
    }
}
