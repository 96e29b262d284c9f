using Auction.Silo.Hosting;
using Auction.Silo.Observability;
using Auction.SiloHost;
using Microsoft.Extensions.Hosting;

// A standalone silo of the cluster (docker-compose, or local processes in the cluster test): Redis for
// membership, reminders and the journal, configured only by settings and environment variables
// (Auction__Cluster__Redis, Auction__Cluster__SiloPort, Auction__Cluster__GatewayPort, Auction__Cluster__AdvertisedIp).
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration["Auction:Mode"] = "cluster";
builder.AddAuctionLogging();
builder.AddSiloTelemetry();
builder.UseOrleans(silo => silo.AddAuctionSilo(builder.Configuration));
builder.Build().Run();
