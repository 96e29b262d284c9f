using Auction.Silo.Hosting;
using Auction.Silo.Observability;
using Auction.SiloHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A standalone silo of the cluster (docker-compose, or local processes in the cluster test): Redis for
// membership, reminders and the journal, configured only by settings and environment variables
// (Auction__Cluster__Redis, Auction__Cluster__SiloPort, Auction__Cluster__GatewayPort, Auction__Cluster__AdvertisedIp,
// and the keys every silo shares: Auction__Checkpoints__PrivateKeyPem or …PrivateKeyPath, Auction__Sealing__Key or …KeyPath).

// `--health-check <url>`: the container health probe (the runtime image has no curl): exit 0 when the silo's own
// health endpoint (Auction:Health:Port, see SiloHealth) answers ready.
if (args is ["--health-check", var probeUrl]) return await SiloHealth.Probe(probeUrl);

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    // Like the gateway (a web host), the silo honours ASPNETCORE_ENVIRONMENT too, so one variable sets both
    // (Development lets a cluster silo generate its keys; see KeyMaterial).
    EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"),
});
// A source, not an indexer write: values written through the indexer are lost when a source is added later (logging does).
builder.Configuration.AddInMemoryCollection([new("Auction:Mode", "cluster")]);
builder.AddAuctionLogging();
builder.AddSiloTelemetry();
builder.UseOrleans(silo => silo.AddAuctionSilo(builder.Configuration));
if (SiloHealth.Port(builder.Configuration) is not null) builder.Services.AddHostedService<SiloHealth>();
try
{
    builder.Build().Run();
    return 0;
}
catch (KeyConfigurationException ex)
{
    // A missing or wrong key is a configuration problem, not a crash: say which setting, without a stack trace.
    Console.Error.WriteLine($"The silo refuses to start: {ex.Message}");
    return 1;
}
