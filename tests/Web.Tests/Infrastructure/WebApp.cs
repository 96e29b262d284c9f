namespace Auction.Web.Tests.Infrastructure;

/// <summary>
/// One gateway and one browser for all browser tests (CI has 2 cores): each test gets its own browser context
/// (cookies, storage, clock) and its own listings, so tests never see each other's state.
/// </summary>
public sealed class WebApp : IAsyncLifetime
{
    public GatewayUnderTest Gateway { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Api Api { get; private set; } = null!;

    public string BaseUrl => Gateway.BaseUrl;

    public async Task InitializeAsync()
    {
        Gateway = await GatewayUnderTest.StartAsync("web-gateway");
        Api = new Api(Gateway.BaseUrl);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Chromium.Launch(Playwright);
    }

    /// <summary>
    /// A fresh page in a fresh context: zh-CN, and a browser time zone far from China's, so the app must show China
    /// time itself.
    /// </summary>
    public async Task<IPage> NewPage(int width = 1280, int height = 900, string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            Locale = locale,
            TimezoneId = "America/New_York",
            IsMobile = width < 500,
            HasTouch = width < 500,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Api.Dispose();
        await Gateway.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebApp>
{
    public const string Name = "web app";
}
