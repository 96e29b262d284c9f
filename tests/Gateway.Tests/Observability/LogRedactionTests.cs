using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Auction.Gateway.Tests.Observability;

/// <summary>
/// No bearer token in any log line (issue 8, item 5): quiet defaults keep request lines out, and when someone turns
/// every category up to Trace the scrubber still keeps tokens — hub query strings included — out of every message,
/// structured value, scope and exception.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class LogRedactionTests(GatewayFactory factory)
{
    [GeneratedRegex(Silo.Observability.Secrets.JwtPattern)]
    private static partial Regex JwtShaped();

    [Fact]
    public void By_default_request_lines_the_Orleans_option_dump_and_Polly_call_lines_are_off_at_Information()
    {
        var loggers = factory.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));
        Assert.False(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Orleans.Runtime.SiloOptionsLogger").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Orleans.ClientOptionsLogger").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Auction.Gateway.Live.LiveEvents").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task A_token_in_a_hub_query_string_or_a_header_appears_in_no_log_line_even_at_Trace()
    {
        var capture = new CapturingLoggerProvider();
        await using var host = factory.Variant(new Dictionary<string, string>
        {
            // Someone turns everything up: configuration still overrides the quiet defaults.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Polly"] = "Trace",
        }, builder => builder.ConfigureLogging(logging => logging.AddProvider(capture)));
        var api = new ApiDriver(factory, host);
        var listing = await api.Publish(await api.Centre());
        var bidder = await api.Bidder();
        await api.Qualify(bidder, listing.Id);
        Assert.True(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Trace));

        // A real SignalR client: the negotiation carries the token in a header, the WebSocket in ?access_token=.
        await using (var hub = api.Hub(bidder.Token))
        {
            await hub.StartAsync();
            await hub.InvokeAsync<JsonElement>("Watch", listing.Id, 0L);
            await hub.InvokeAsync<JsonElement>("PlaceBid", listing.Id, 1000m, "logged-bid");
            await hub.StopAsync();
        }
        // A browser's other transports put it in the query string too; and a tampered token is refused and logged.
        var client = host.CreateClient();
        await client.GetAsync($"/hubs/listings?id=no-such-connection&access_token={Uri.EscapeDataString(bidder.Token)}");
        await client.PostAsync($"/hubs/listings/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(bidder.Token)}", null);
        var tampered = bidder.Token[..^4] + (bidder.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/listings/{listing.Id}/applications/mine"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tampered);
            await client.SendAsync(request);
        }
        await api.Mine(bidder, listing.Id);
        await Task.Delay(500);

        var lines = capture.Lines;
        Assert.True(lines.Count > 100, $"only {lines.Count} lines were captured");
        var signature = bidder.Token[(bidder.Token.LastIndexOf('.') + 1)..];
        var leaks = lines.Where(line => line.Contains(signature, StringComparison.Ordinal) || line.Contains(tampered[^20..], StringComparison.Ordinal)
            || JwtShaped().IsMatch(line)).ToArray();
        Assert.True(leaks.Length == 0, "credentials in the logs:\n" + string.Join("\n", leaks.Take(5)));
        Assert.Contains(lines, line => line.Contains("access_token=[redacted]", StringComparison.Ordinal)); // query strings were logged, scrubbed
    }
}
