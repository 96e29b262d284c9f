using System.Text.Json.Nodes;
using Auction.Web.Tests.Infrastructure;

namespace Auction.Web.Tests.Regulator;

/// <summary>The regulator's desk: the awards table with the floor check, the price ÷ floor chart, a record verified, the compliance view and its CSV.</summary>
[Collection(WebAppCollection.Name)]
public sealed class RegulatorDeskTests(WebApp app)
{
    [Fact]
    public async Task The_regulator_opens_the_awards_table_and_verifies_a_record()
    {
        var api = app.Api;
        var centreId = Api.NewId("centre-reg");
        var centre = await api.Token("centre", Api.NewId("officer"), "Kunshan Land Trading Centre", centreId);
        // Industrial, grade 7, 50,000 m²: floor 14,400,000; it lists for 6 s and closes by the listing rule.
        var listing = await api.Publish(centre, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6), body =>
        {
            var parcel = (JsonObject)body["parcel"]!;
            parcel["use"] = "industrial";
            parcel["landGrade"] = 7;
            parcel["industrialCategory"] = "normal";
            body["applicationDeadline"] = Api.Time(DateTimeOffset.Parse(body["biddingEndsAt"]!.GetValue<string>()).AddSeconds(-1));
            body["depositDeadline"] = body["applicationDeadline"]!.GetValue<string>();
        });
        var bidder = await api.Token("bidder", Api.NewId("alpha"), "Alpha Land Co., Ltd.");
        await api.Qualify(bidder, listing.Id);
        await api.WaitForStatus(listing.Id, "open", TimeSpan.FromSeconds(20));
        await api.Bid(bidder, listing.Id, 14_800_000m);
        await api.WaitForStatus(listing.Id, "sold", TimeSpan.FromSeconds(30));

        var page = await app.NewPage();
        await Session.SignIn(page, "regulator", Api.NewId("inspector"), "Provincial Land Inspectorate", returnTo: $"/regulator?centre={centreId}");
        var row = page.Locator($"tr[data-listing='{listing.Id}']");
        await Assertions.Expect(row).ToContainTextAsync("14,800,000 元");
        await Assertions.Expect(row).ToContainTextAsync("14,400,000 元");
        await Assertions.Expect(row.Locator("[data-check]")).ToHaveAttributeAsync("data-check", "pass");
        await Assertions.Expect(row).ToContainTextAsync("1.0278");
        await Assertions.Expect(page.Locator("figure.chart")).ToHaveAttributeAsync("data-points", "1");
        await Screenshots.Save(page, "regulator-awards");

        await row.GetByRole(AriaRole.Link, new() { Name = "查看记录" }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.timeline")).ToContainTextAsync("竞买号 001 报价 14,800,000 元");
        await Assertions.Expect(page.Locator("ol.timeline")).ToContainTextAsync("成交：竞买号 001，成交价 14,800,000 元。");
        await page.GetByRole(AriaRole.Button, new() { Name = "校验记录" }).ClickAsync();
        var result = page.Locator(".verify-result");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-valid", "true");
        await Assertions.Expect(result).ToContainTextAsync("记录完整：哈希链连续，签名有效。");
        await Screenshots.Save(page, "regulator-record-verified");

        // The compliance view: every check of the sale with the rule it names, and the same table as CSV with a BOM.
        await page.Locator("nav a[href='/regulator/compliance']").ClickAsync();
        var report = page.Locator($"article[data-listing='{listing.Id}']");
        await Assertions.Expect(report.Locator("tr[data-rule]")).ToHaveCountAsync(9);
        var floor = report.Locator("tr[data-rule='R-IND-03']");
        await Assertions.Expect(floor).ToHaveAttributeAsync("data-status", "pass");
        await Assertions.Expect(floor).ToContainTextAsync("成交价不低于工业用地最低价");
        await Assertions.Expect(floor).ToContainTextAsync("1.0278");
        await Screenshots.Save(page, "regulator-compliance");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-csv='/api/regulator/compliance.csv']").ClickAsync());
        Assert.Equal("compliance.csv", download.SuggestedFilename);
        var csv = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        Assert.Contains(listing.Id, System.Text.Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
    }
}
