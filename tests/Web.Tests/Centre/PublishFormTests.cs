using Auction.Web.Tests.Infrastructure;

namespace Auction.Web.Tests.Centre;

/// <summary>The centre's publish form: the floor preview, the server's refusals inline, and a keyboard-only run.</summary>
[Collection(WebAppCollection.Name)]
public sealed class PublishFormTests(WebApp app)
{
    private static readonly string[] FocusOrder =
    [
        "f-parcel-parcelNo", "f-parcel-location", "f-parcel-countyCode", "f-parcel-use", "f-parcel-areaM2", "f-parcel-termYears",
        "f-parcel-landGrade", "f-parcel-industrialCategory", "f-parcel-plotRatio-min", "f-parcel-plotRatio-max", "f-method",
        "f-biddingStartsAt", "f-biddingEndsAt", "f-applicationDeadline", "f-depositDeadline",
        "f-startingPrice", "f-increment", "f-incrementRule", "f-deposit", "f-reservePrice",
        "f-timedBidding-style", "f-timedBidding-countdownSeconds", "f-priceCap-mode", "cancel", "submit",
    ];

    private async Task<IPage> PublishPage(string officer)
    {
        var page = await app.NewPage();
        await Session.SignIn(page, "centre", officer, "Suzhou Land Trading Centre", "centre-sz", "/centre/publish");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "发布出让公告" })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task The_form_previews_14_400_000_for_grade_7_normal_50_000_m2_shows_the_floor_refusal_inline_and_publishes()
    {
        var page = await PublishPage(Api.NewId("officer"));
        var parcelNo = Api.NewId("SZ2026");
        await page.GetByLabel("宗地编号").FillAsync(parcelNo);
        await page.GetByLabel("坐落").FillAsync("Wuzhong, Suzhou");
        await page.GetByLabel("行政区划代码").FillAsync("320506");
        await page.GetByLabel("土地用途").SelectOptionAsync("industrial");
        await page.GetByLabel("土地等别").SelectOptionAsync("7");
        await page.GetByLabel("工业项目类别").SelectOptionAsync("normal");
        await page.GetByLabel("出让面积（平方米）").FillAsync("50000");

        var preview = page.Locator(".floor-preview[data-floor-total]");
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-floor-total", "14400000");
        await Assertions.Expect(preview).ToContainTextAsync("14,400,000 元");
        await Assertions.Expect(preview).ToContainTextAsync("7 等 · 288.00 元/平方米 × 系数 1.00 × 50,000.00 平方米");

        // Changing the category changes the preview (0.70 for a priority project), and back.
        await page.GetByLabel("工业项目类别").SelectOptionAsync("priorityIntensive");
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-floor-total", "10080000");
        await page.GetByLabel("工业项目类别").SelectOptionAsync("normal");
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-floor-total", "14400000");

        await page.GetByLabel("起始价（元）").FillAsync("14,000,000");
        await page.GetByLabel("增价幅度（元）").FillAsync("100000");
        await page.GetByLabel("竞买保证金（元）").FillAsync("2900000");
        await Assertions.Expect(preview).ToContainTextAsync("起始价低于最低价");
        await page.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#f-startingPrice-error")).ToContainTextAsync("价格低于工业用地出让最低价标准（14,400,000 元）");
        await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await Screenshots.Save(page, "centre-publish-floor-refused");

        await page.GetByLabel("起始价（元）").FillAsync("14500000");
        await page.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/centre/listings/L*");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(parcelNo);
        await Assertions.Expect(page.Locator("[data-floor]")).ToHaveAttributeAsync("data-floor", "14400000");
        await Screenshots.Save(page, "centre-listing-admin");
    }

    [Fact]
    public async Task The_publish_form_works_with_the_keyboard_alone_every_field_labelled_in_reading_order()
    {
        var page = await PublishPage(Api.NewId("officer"));
        await page.Locator("#f-parcel-parcelNo").FocusAsync();
        var visited = new List<string> { "f-parcel-parcelNo" };
        for (var i = 0; i < 150 && visited[^1] != "submit"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("""
                (() => { const e = document.activeElement;
                  if (e.type === 'submit') return 'submit';
                  if (e.tagName === 'A' && e.getAttribute('href') === '/centre') return 'cancel';
                  return e.id; })()
                """);
            if (focused != visited[^1]) visited.Add(focused);
        }
        Assert.Equal(FocusOrder, visited);
        var unlabelled = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('form input, form select, form textarea')]
              .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.name)
            """);
        Assert.Empty(unlabelled);

        // Type the values in reading order, leaving the defaults (industrial, grade 7, listing, Jiangsu) as they are.
        var parcelNo = Api.NewId("KB2026");
        await page.Locator("#f-parcel-parcelNo").FocusAsync();
        foreach (var (value, tabs) in new (string, int)[] { (parcelNo, 1), ("Kunshan", 1), ("320583", 2), ("30000", 1), ("50", 0) })
        {
            await page.Keyboard.TypeAsync(value);
            for (var t = 0; t < tabs; t++) await page.Keyboard.PressAsync("Tab");
        }
        await page.Locator("#f-startingPrice").FocusAsync();
        await page.Keyboard.TypeAsync("9000000");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("50000");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("1800000");
        await Assertions.Expect(page.Locator(".floor-preview[data-floor-total]")).ToHaveAttributeAsync("data-floor-total", "8640000");
        await page.Locator("button[type=submit]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/centre/listings/L*");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(parcelNo);
        await Screenshots.Save(page, "centre-publish-keyboard");
    }
}
