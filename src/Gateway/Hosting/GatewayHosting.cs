using Auction.Gateway.Auth;
using Auction.Gateway.Docs;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Http;
using Auction.Gateway.Limits;
using Auction.Gateway.Live;
using Auction.Gateway.Live.Protocols;
using Auction.Gateway.Observability;
using Auction.Gateway.Web;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Compliance;
using Auction.Silo.Observability;
using Auction.Silo.Rules.Calendar;
using Auction.Silo.Rules.Grades;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Auction.Gateway.Hosting;

/// <summary>Composes the gateway: the co-hosted silo (embedded default), auth, the API, the hub.</summary>
public static class GatewayHosting
{
    public static WebApplicationBuilder AddAuctionGateway(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.UseListenUrls();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = ErrorHandling.MaxBodyBytes);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LiveHubLifetimeManager>();
        services.AddSingleton<HubLifetimeManager<ListingsHub>>(sp => sp.GetRequiredService<LiveHubLifetimeManager>());
        services.AddSingleton<IHubConnections>(sp => sp.GetRequiredService<LiveHubLifetimeManager>());
        services.AddSingleton<LiveEvents>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveEvents>());
        services.AddSingleton(config.GetSection("Auction:Bank").Get<BankSettings>() ?? new BankSettings());
        services.AddSingleton(config.GetSection("Auction:Resilience:Calls").Get<CallResilienceSettings>() ?? new CallResilienceSettings());
        services.AddSingleton<ClusterCalls>();
        services.AddSingleton<IdempotentRequests>();
        services.AddSingleton<DepositCheck>();
        services.AddSingleton<BidService>();
        services.AddSingleton<CapStageCalls>();
        // The regulator's checks read the holiday calendar and the county table here too (a cluster's gateway hosts no silo).
        services.TryAddSingleton(_ => WorkingDayCalendar.China);
        services.TryAddSingleton(_ => CountyGradeTable.Shipped);
        services.TryAddSingleton<ComplianceChecks>();
        services.AddSingleton<RegulatorReports>();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        // Both hub protocols carry the same payloads (API.md "Live hub"; MessagePack as in Live/Protocols/ApiMessagePack).
        services.AddSignalR()
            .AddJsonProtocol(o => ApiJson.Configure(o.PayloadSerializerOptions))
            .AddMessagePackProtocol(o => o.SerializerOptions = ApiMessagePack.Options);
        services.AddApiErrorHandling();
        services.AddAuctionAuth(config);
        services.AddApiDocs();
        services.AddHealthChecks();
        builder.AddAuctionLimits();
        builder.AddAuctionTelemetry();
        builder.AddGatewayLogging();
        builder.AddWebApp();

        if (config.IsClusterMode()) UseCluster(builder);
        else UseEmbeddedSilo(builder);
        return builder;
    }

    /// <summary>
    /// The embedded default: this process is also the silo — localhost clustering, live events in process,
    /// and the journal in a SQLite file (<c>./data/auction.db</c> unless <c>Auction:Storage</c> says otherwise).
    /// </summary>
    private static void UseEmbeddedSilo(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        // A source, not an indexer write: values written through the indexer are lost when a source is added later.
        if (config["Auction:Storage:Provider"] is null) config.AddInMemoryCollection([new("Auction:Storage:Provider", "sqlite")]);
        builder.Services.AddSingleton<IListingEventSink>(sp => sp.GetRequiredService<LiveEvents>());
        builder.UseOrleans(silo =>
        {
            var ports = config.GetSection("Auction:Silo");
            silo.UseLocalhostClustering(ports.GetValue("SiloPort", 11111), ports.GetValue("GatewayPort", 30000));
            silo.AddAuctionSilo(config);
        });
    }

    /// <summary>
    /// Cluster mode: an Orleans client of the silos (Redis membership). Live events come once per gateway from
    /// the silos through the observer this gateway keeps registered; readiness reads the shared Redis journal.
    /// </summary>
    private static void UseCluster(WebApplicationBuilder builder)
    {
        var cluster = ClusterSettings.From(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            client.UseRedisClustering(o => o.ConfigurationOptions = cluster.RedisOptions());
            if (AuctionTelemetry.TracesEnabled(builder.Configuration)) client.AddActivityPropagation();
        });
        builder.Services.TryAddSingleton(_ => new AuctionClock(TimeProvider.System));
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(cluster.RedisOptions()));
        builder.Services.AddSingleton<IJournalStore>(sp => new RedisJournalStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        builder.Services.AddHostedService<LiveRegistration>();
    }

    public static WebApplication MapAuctionGateway(this WebApplication app)
    {
        app.UseAuctionForwardedHeaders();
        app.UseApiErrorHandling();
        app.UseWebAppShell();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        var api = app.MapGroup("/api");
        api.RequireWellFormedListingIds();
        api.MapCentreEndpoints();
        api.MapBidderEndpoints();
        api.MapCapStageEndpoints();
        api.MapBankEndpoints();
        api.MapAfterSaleEndpoints();
        api.MapPublicEndpoints();
        api.MapRegulatorEndpoints();
        api.MapComplianceEndpoints();
        api.MapRecordEndpoints();
        api.MapFloorEndpoints();
        api.MapSessionEndpoints(app);
        api.MapDevEndpoints(app);

        app.MapListingsHub();
        app.MapAuctionTelemetry();
        app.MapApiDocs();
        app.MapGet("/health/live", () => Results.Json(new { status = "live" })).AllowAnonymous();
        app.MapGet("/health/ready", Ready).AllowAnonymous();
        app.MapWebApp();
        return app;
    }

    /// <summary>Ready when the journal store answers and the cluster has an active silo.</summary>
    private static async Task<IResult> Ready(IJournalStore store, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        string? storeProblem = null, clusterProblem = null;
        var silos = 0;
        try
        {
            await store.ReadAsync("health/probe", 0, timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            storeProblem = ex.GetType().Name;
        }
        try
        {
            silos = (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(timeout.Token)).Count;
            if (silos == 0) clusterProblem = "no active silo";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            clusterProblem = ex.GetType().Name;
        }
        if (storeProblem is null && clusterProblem is null) return Results.Json(new { status = "ready", store = "ok", silos });
        return Problems.Result(Problems.Create(GatewayCodes.NotReady,
            $"Not ready: store {storeProblem ?? "ok"}, cluster {clusterProblem ?? "ok"} ({silos} active silos)."));
    }
}
