using Auction.Gateway.Demo;
using Auction.Gateway.Hosting;

// `--health-check <url>`: the container health probe (the runtime image has no curl): exit 0 when ready.
if (args is ["--health-check", var probeUrl])
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
    try
    {
        return (await http.GetAsync(probeUrl)).IsSuccessStatusCode ? 0 : 1;
    }
    catch (Exception)
    {
        return 1;
    }
}

// `verify --record <file> --public-key <file>`: checks a downloaded regulator record offline (exit 0 valid, 1 invalid, 2 bad usage).
if (args is ["verify", .. var verifyArgs]) return Auction.Gateway.Records.VerifyCommand.Run(verifyArgs, Console.Out, Console.Error);

// The embedded default: one process co-hosts the silo and serves API.md on http://127.0.0.1:5080 (or --urls).
// `--demo` lowers the publication minimums and seeds demo listings and qualified demo bidders.
// With Auction:Mode=cluster it is a gateway of a cluster instead (docker-compose.yml).
var builder = WebApplication.CreateBuilder(DemoData.ApplySwitch(args));
// Nothing unsafe by default: outside Development, public default secrets or dev tokens stop the process here.
if (StartupChecks.Refusal(builder.Configuration, builder.Environment) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 2;
}
builder.AddAuctionGateway();
builder.Services.AddDemoData(builder.Configuration);

var app = builder.Build();
app.MapAuctionGateway();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
