using System.Net;
using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Auction.Gateway.Tests.Limits;

/// <summary>
/// Anonymous traffic is limited per client address (issue 8, item 4): 429 <c>RATE_LIMITED</c> with <c>Retry-After</c>;
/// requests with a valid token are not limited by address; <c>X-Forwarded-For</c> names the client only when it
/// comes from a configured proxy. Its own host: 1 anonymous request per second, bursts of 3, proxy 10.0.0.2.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AnonymousRateLimitTests(GatewayFactory factory)
{
    private const string Proxy = "10.0.0.2";

    [Fact]
    public async Task Anonymous_requests_are_limited_per_client_address_and_tokens_and_trusted_proxies_are_honoured()
    {
        await using var host = factory.Variant(new Dictionary<string, string>
        {
            ["Auction:RateLimits:AnonymousPerSecond"] = "1",
            ["Auction:RateLimits:AnonymousBurst"] = "3",
            ["Auction:ForwardedHeaders:KnownProxies:0"] = Proxy,
        });
        var token = await GatewayFactory.Token(factory, "regulator", "inspector");

        // One address: its burst passes, then 429 with Retry-After and serverTime (a refill may let one more in).
        var first = await Burst(host, "192.0.2.10");
        Assert.Equal([200, 200, 200], first.Take(3).Select(r => r.StatusCode));
        var limited = first.Skip(3).Where(r => r.StatusCode == 429).ToArray();
        Assert.True(limited.Length >= 2, string.Join(", ", first.Select(r => r.StatusCode)));
        foreach (var response in limited)
        {
            Assert.Equal("application/problem+json", response.ContentType);
            using var problem = JsonDocument.Parse(response.Body);
            Assert.Equal("RATE_LIMITED", problem.RootElement.GetProperty("code").GetString());
            Assert.True(problem.RootElement.TryGetProperty("serverTime", out _));
            Assert.True(int.Parse(response.RetryAfter!) >= 1);
        }

        // Another address has its own bucket; a valid token is not limited by address at all.
        Assert.Equal([200, 200, 200], (await Burst(host, "192.0.2.11")).Take(3).Select(r => r.StatusCode));
        Assert.All(await Burst(host, "192.0.2.10", token: token), r => Assert.Equal(200, r.StatusCode));

        // Behind the trusted proxy each forwarded client has its own bucket …
        Assert.Equal([200, 200, 200], (await Burst(host, Proxy, forwardedFor: "198.51.100.1")).Take(3).Select(r => r.StatusCode));
        Assert.Equal([200, 200, 200], (await Burst(host, Proxy, forwardedFor: "198.51.100.2")).Take(3).Select(r => r.StatusCode));
        // … while an untrusted sender cannot pick its bucket with the header: its own address is limited.
        var spoofed = await Burst(host, "192.0.2.12", forwardedFor: "198.51.100.3");
        Assert.Contains(spoofed.Skip(3), r => r.StatusCode == 429);
        Assert.Equal([200, 200, 200], (await Burst(host, Proxy, forwardedFor: "198.51.100.3")).Take(3).Select(r => r.StatusCode));
    }

    private sealed record Answer(int StatusCode, string? ContentType, string? RetryAfter, string Body);

    /// <summary>Six quick <c>GET /api/time</c> as if from <paramref name="address"/>.</summary>
    private static async Task<IReadOnlyList<Answer>> Burst(WebApplicationFactory<Program> host, string address, string? forwardedFor = null, string? token = null)
    {
        var answers = new List<Answer>();
        for (var i = 0; i < 6; i++)
        {
            var context = await host.Server.SendAsync(c =>
            {
                c.Request.Method = HttpMethods.Get;
                c.Request.Path = "/api/time";
                c.Connection.RemoteIpAddress = IPAddress.Parse(address);
                if (forwardedFor is not null) c.Request.Headers["X-Forwarded-For"] = forwardedFor;
                if (token is not null) c.Request.Headers.Authorization = $"Bearer {token}";
            });
            var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
            answers.Add(new Answer(context.Response.StatusCode, context.Response.ContentType?.Split(';')[0], context.Response.Headers.RetryAfter.FirstOrDefault(), body));
        }
        return answers;
    }
}
