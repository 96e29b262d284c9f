using Auction.Contracts.Listings;
using Auction.Silo.Hosting;

// The embedded default: one process co-hosts the silo (localhost clustering) and the HTTP surface.
// The full API.md surface and the live hub arrive with the gateway issue; this host stays thin.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Auction:Urls"] ?? "http://127.0.0.1:5080");
builder.UseOrleans(silo =>
{
    var ports = builder.Configuration.GetSection("Auction:Silo");
    silo.UseLocalhostClustering(ports.GetValue("SiloPort", 11111), ports.GetValue("GatewayPort", 30000));
    silo.AddAuctionSilo(builder.Configuration);
});

var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
app.MapGet("/api/time", (AuctionClock clock, HttpResponse response) =>
{
    response.Headers.CacheControl = "no-store";
    return Results.Ok(new { serverTime = clock.Now });
});
app.MapGet("/api/listings/{id}", async (string id, IGrainFactory grains) =>
{
    var outcome = await grains.GetGrain<IListingGrain>(id).GetSnapshot();
    return outcome.IsSuccess ? Results.Ok(outcome.Value) : Results.Problem(statusCode: 404, title: outcome.Rejection!.Message, extensions: new Dictionary<string, object?> { ["code"] = outcome.Rejection.Code });
});
app.Run();
