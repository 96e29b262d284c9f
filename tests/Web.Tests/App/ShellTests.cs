using System.Net;
using System.Text.RegularExpressions;
using Auction.Web.Tests.Infrastructure;

namespace Auction.Web.Tests.App;

/// <summary>The shell served by the gateway: deep links, the API's own answers, fingerprinted compressed assets, languages.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class ShellTests(WebApp app)
{
    private static HttpRequestMessage Html(string path) => new(HttpMethod.Get, path) { Headers = { { "Accept", "text/html,application/xhtml+xml" } } };

    [Fact]
    public async Task Deep_links_serve_the_shell_while_the_API_and_operations_keep_their_own_answers()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        foreach (var path in new[] { "/", "/listings/L0123456789abcdef", "/centre/publish", "/regulator/listings/L0123456789abcdef", "/auth/callback?code=x" })
        {
            var response = await http.SendAsync(Html(path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Contains("<script type=\"importmap\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var unknownApi = await http.SendAsync(Html("/api/nothing-here"));
        Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.Equal("application/problem+json", unknownApi.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\":\"NOT_FOUND\"", await unknownApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/somewhere")).StatusCode); // not a browser: the API's 404
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(Html("/app/missing.js"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Contains("# HELP", await http.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_asset_the_shell_names_is_fingerprinted_compressed_and_cached_as_immutable()
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(app.BaseUrl) };
        var shell = await http.GetStringAsync("/");
        var urls = AssetUrl().Matches(shell).Select(m => m.Groups["url"].Value).Distinct().ToArray();
        Assert.Contains(urls, u => u.StartsWith("/app/main.", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("/lib/signalr/signalr.min.", StringComparison.Ordinal));
        Assert.True(urls.Length > 30, $"only {urls.Length} assets in the shell");
        foreach (var url in urls)
        {
            Assert.Matches(@"\.[a-z0-9]{10}\.(js|mjs|css|json|svg)$", url);
            var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "Accept-Encoding", "gzip" } } };
            var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            if (!url.EndsWith(".svg", StringComparison.Ordinal)) Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task The_app_speaks_Chinese_by_default_and_English_on_request_and_remembers_it()
    {
        var page = await app.NewPage();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("交易公告");
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Notice board");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Notice board");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("Notice board"));
        await Screenshots.Save(page, "board-english");
    }

    [Fact]
    public async Task The_industrial_floor_endpoint_applies_the_publication_rule_and_names_bad_fields()
    {
        var floor = await app.Api.Get("/api/industrial-floor?landGrade=7&industrialCategory=normal&areaM2=50000");
        Assert.Equal(14_400_000m, floor.GetProperty("total").GetDecimal());
        Assert.Equal(288m, floor.GetProperty("basePerM2").GetDecimal());
        Assert.Equal("normal", floor.GetProperty("category").GetString());
        var refused = await app.Api.Send(HttpMethod.Get, "/api/industrial-floor?landGrade=16&areaM2=0", null, null);
        var problem = await Api.Expect(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("landGrade", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("areaM2", out _));
    }

    /// <summary>Asset URLs in the shell: href/src attributes, and the fingerprinted values of the import map.</summary>
    [GeneratedRegex("(?:href|src)=\"(?<url>/(?:app|lib|i18n)/[^\"]+)\"|\"(?<url>/(?:app|lib|i18n)/[^\"]+\\.[a-z0-9]{10}\\.[a-z]+)\"")]
    private static partial Regex AssetUrl();
}
