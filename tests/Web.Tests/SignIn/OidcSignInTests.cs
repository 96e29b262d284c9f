using Auction.TestSupport;
using Auction.Web.Tests.Infrastructure;

namespace Auction.Web.Tests.SignIn;

/// <summary>
/// Production sign-in: a gateway that trusts an identity provider (the test authority on loopback) offers no dev
/// sign-in; the page runs the authorization-code flow with PKCE, the provider checks the verifier, and the app then
/// acts with the provider's token.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private TestAuthority _authority = null!;
    private GatewayUnderTest _gateway = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _authority = await TestAuthority.StartAsync();
        _authority.Audience = "land-auction-api";
        _gateway = await GatewayUnderTest.StartAsync("oidc-web-gateway", new Dictionary<string, string>
        {
            ["Auction__Jwt__Authority"] = _authority.Issuer,
            ["Auction__Jwt__RequireHttpsMetadata"] = "false", // the test provider is plain http on loopback
            ["Auction__Jwt__Audience"] = "land-auction-api",
            ["Auction__Jwt__ClientId"] = _authority.ClientId,
            ["Auction__Jwt__RoleClaim"] = "roles",
            ["Auction__Jwt__CentreClaim"] = "org",
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.Launch(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _gateway.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task A_centre_officer_signs_in_with_the_authorization_code_flow_and_PKCE_and_signs_out()
    {
        _authority.NextUser = new Dictionary<string, object>
        {
            ["sub"] = "0f8c5b0e-officer", ["roles"] = new[] { "centre", "offline_access" }, ["name"] = "Wuxi Land Trading Centre", ["org"] = "centre-wx",
        };
        var context = await _browser.NewContextAsync(new() { BaseURL = _gateway.BaseUrl });
        var page = await context.NewPageAsync();
        var tokenRequests = new List<string>();
        page.Request += (_, request) => { if (request.Url.EndsWith("/token", StringComparison.Ordinal)) tokenRequests.Add(request.PostData ?? ""); };

        await page.GotoAsync("/centre");
        await page.GetByRole(AriaRole.Link, new() { Name = "登录" }).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("用户标识")).ToHaveCountAsync(0); // no dev sign-in here
        await page.GetByRole(AriaRole.Button, new() { Name = "通过统一身份认证登录" }).ClickAsync();

        // Wait for the navigation to commit only: the page's own content is what the assertions below wait for (a loaded
        // machine may take longer than the load-event timeout to finish every request of a fresh page).
        await page.WaitForURLAsync("**/centre", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("[data-user='0f8c5b0e-officer']")).ToContainTextAsync("Wuxi Land Trading Centre");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "出让管理" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("centre-wx");
        Assert.Equal((1, 1), (_authority.CodesIssued, _authority.TokensIssued));
        Assert.Empty(_authority.Refusals);
        var exchange = System.Web.HttpUtility.ParseQueryString(Assert.Single(tokenRequests));
        Assert.Equal("authorization_code", exchange["grant_type"]);
        Assert.Matches("^[A-Za-z0-9_-]{43,128}$", exchange["code_verifier"]);
        Assert.Equal(_gateway.BaseUrl + "/auth/callback", exchange["redirect_uri"]);
        var stored = await page.EvaluateAsync<string>("sessionStorage.getItem('auction.session')");
        Assert.Contains("\"via\":\"oidc\"", stored, StringComparison.Ordinal);
        await Screenshots.Save(page, "signin-oidc-centre");

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await page.WaitForURLAsync(_gateway.BaseUrl + "/", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "登录" })).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('auction.session')"));
    }

    [Fact]
    public async Task The_provider_refuses_a_code_presented_without_its_verifier()
    {
        using var http = new HttpClient();
        var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = "made-up", ["redirect_uri"] = _gateway.BaseUrl + "/auth/callback",
            ["client_id"] = _authority.ClientId, ["code_verifier"] = "x",
        });
        var response = await http.PostAsync(_authority.Issuer + "/protocol/openid-connect/token", content);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(_authority.Refusals, r => r.Contains("unknown or used code", StringComparison.Ordinal));
    }
}
