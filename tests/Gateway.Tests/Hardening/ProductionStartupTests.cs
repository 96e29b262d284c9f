using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Auction.Gateway.Auth;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auction.Gateway.Tests.Hardening;

/// <summary>
/// Issue 8 item 1, as an operator meets it: the built gateway started outside Development refuses the public
/// defaults (exit code and message), and with real secrets serves no dev tokens, no OpenAPI, and refuses tokens
/// signed with the old public key. Real processes, because the refusal happens before any host exists.
/// </summary>
public sealed class ProductionStartupTests
{
    private static readonly string StrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string StrongBankSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static Dictionary<string, string> Safe => new()
    {
        ["Auction__Jwt__SigningKey"] = StrongKey,
        ["Auction__Bank__Secret"] = StrongBankSecret,
    };

    [Fact]
    public async Task Production_with_the_default_secrets_refuses_to_start_and_says_how_to_fix_it()
    {
        using var gateway = GatewayProcess.Start("Production", new Dictionary<string, string>());
        var exitCode = await gateway.Process.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.True(exitCode is not null and not 0, $"expected a non-zero exit, got {exitCode?.ToString() ?? "still running"}\n{gateway.Process.Tail()}");
        var output = gateway.Process.Output;
        Assert.Contains("refuses to start in the Production environment", output);
        Assert.Contains("Auction:Jwt:SigningKey", output);
        Assert.Contains("openssl rand -base64 32", output);
        Assert.Contains("Auction:Bank:Secret", output);
        Assert.Contains("openssl rand -hex 32", output);
        await AssertNotListening(gateway.BaseUrl);
    }

    [Fact]
    public async Task Production_with_dev_tokens_enabled_refuses_to_start()
    {
        using var gateway = GatewayProcess.Start("Production", new Dictionary<string, string>(Safe) { ["Auction__DevTokens"] = "true" });
        var exitCode = await gateway.Process.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.True(exitCode is not null and not 0, $"expected a non-zero exit, got {exitCode?.ToString() ?? "still running"}\n{gateway.Process.Tail()}");
        Assert.Contains("Auction:DevTokens", gateway.Process.Output);
        Assert.DoesNotContain("Auction:Jwt:SigningKey", gateway.Process.Output);
        await AssertNotListening(gateway.BaseUrl);
    }

    [Fact]
    public async Task Production_with_real_secrets_starts_without_dev_tokens_or_openapi_and_refuses_the_old_default_key()
    {
        using var gateway = await GatewayProcess.Start("Production", Safe).Ready();
        using var http = gateway.Client();

        var devTokens = await http.PostAsJsonAsync("/api/dev/tokens", new { subject = "mallory", role = "regulator", name = "Mallory" });
        await ApiDriver.ExpectProblem(devTokens, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/scalar")).StatusCode);

        // The key every copy of the old README and code carried: its UTF-8 bytes as the HMAC key.
        var retired = Token(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtSettings.RetiredSigningKey)));
        var refused = await Get(http, "/api/regulator/awards", retired);
        await ApiDriver.ExpectProblem(refused, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        // The public development key of today is refused too; the configured key is accepted, so it is the key that matters.
        await ApiDriver.ExpectProblem(await Get(http, "/api/regulator/awards", Token(new SymmetricSecurityKey(Convert.FromBase64String(JwtSettings.DevelopmentSigningKey)))),
            HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal(HttpStatusCode.OK, (await Get(http, "/api/regulator/awards", Token(new SymmetricSecurityKey(Convert.FromBase64String(StrongKey))))).StatusCode);
    }

    [Fact]
    public async Task Demo_mode_outside_Development_serves_dev_tokens_with_a_warning_but_still_needs_real_secrets_and_OpenApi_is_a_setting()
    {
        using (var unsafeDemo = GatewayProcess.Start("Production", new Dictionary<string, string>(), ["--demo"]))
        {
            Assert.NotEqual(0, await unsafeDemo.Process.WaitForExit(TimeSpan.FromSeconds(30)) ?? 0);
            Assert.Contains("Auction:Bank:Secret", unsafeDemo.Process.Output);
        }

        using var demo = await GatewayProcess.Start("Production", new Dictionary<string, string>(Safe) { ["Auction__OpenApi__Enabled"] = "true" }, ["--demo"]).Ready();
        using var http = demo.Client();
        var token = await ApiDriver.Expect(await http.PostAsJsonAsync("/api/dev/tokens", new { subject = "demo", role = "bidder", name = "Demo" }), HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("token").GetString()));
        Assert.Contains("lets ANYONE mint a token", demo.Process.Output);
        // The OpenAPI document when a setting asks for it; the interactive reference stays a Development tool.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/scalar")).StatusCode);
    }

    [Fact]
    public async Task The_urls_switch_and_ASPNETCORE_URLS_choose_where_the_gateway_listens()
    {
        var byArgument = $"http://127.0.0.1:{Auction.TestSupport.FreePorts.Next()}";
        var byEnvironment = $"http://127.0.0.1:{Auction.TestSupport.FreePorts.Next()}";
        using var first = GatewayProcess.Start("Development", new Dictionary<string, string>(), ["--urls", byArgument], urls: byArgument);
        using var second = GatewayProcess.Start("Development", new Dictionary<string, string> { ["ASPNETCORE_URLS"] = byEnvironment }, urls: byEnvironment);
        await Task.WhenAll(first.Ready(), second.Ready());

        using var http = new HttpClient();
        foreach (var url in new[] { byArgument, byEnvironment })
        {
            var time = await http.GetFromJsonAsync<JsonElement>($"{url}/api/time");
            Assert.EndsWith("Z", time.GetProperty("serverTime").GetString());
        }
    }

    private static async Task AssertNotListening(string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync($"{baseUrl}/health/live"));
    }

    private static Task<HttpResponseMessage> Get(HttpClient http, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    /// <summary>A regulator token with the default issuer and audience, signed (HS256) with <paramref name="key"/>.</summary>
    private static string Token(SecurityKey key)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "auction-dev",
            Audience = "auction-api",
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = "regulator", ["name"] = "Mallory" },
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
