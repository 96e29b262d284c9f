using Auction.Gateway.Demo;
using Auction.Gateway.Hosting;

// The embedded default: one process co-hosts the silo and serves API.md on http://127.0.0.1:5080.
// `--demo` lowers the publication minimums and seeds demo listings and qualified demo bidders.
var builder = WebApplication.CreateBuilder(DemoData.ApplySwitch(args));
builder.AddAuctionGateway();
builder.Services.AddDemoData(builder.Configuration);

var app = builder.Build();
app.MapAuctionGateway();
app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
