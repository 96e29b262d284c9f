using System.Net;
using System.Text;
using Auction.Silo.Journal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Auction.SiloHost;

/// <summary>
/// The silo's health for container probes (the runtime image has no curl, and a silo serves no HTTP of its own):
/// with <c>Auction:Health:Port</c> set, an HttpListener on <c>http://{Auction:Health:Host}:{port}/health/</c> (by
/// default <c>localhost</c> and <c>127.0.0.1</c>, loopback only: the probe runs inside the container) answers
/// <c>GET /health/live</c> 200 while the process runs, and <c>GET /health/ready</c> 200 when this silo is
/// <c>Active</c> in the cluster and the journal store answers a read (as the gateway's <c>/health/ready</c>), else 503
/// naming what is missing. <c>dotnet Auction.SiloHost.dll --health-check &lt;url&gt;</c> asks it (<see cref="Probe"/>).
/// </summary>
public sealed class SiloHealth(IServiceProvider services, ISiloStatusOracle status, IConfiguration configuration, ILogger<SiloHealth> logger) : BackgroundService
{
    /// <summary>The port from <c>Auction:Health:Port</c>, or null when the endpoint is off.</summary>
    public static int? Port(IConfiguration configuration) => configuration.GetValue<int?>("Auction:Health:Port");

    /// <summary>The <c>--health-check &lt;url&gt;</c> mode: exit 0 when the url answers 2xx within 3 s, else 1.</summary>
    public static async Task<int> Probe(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url);
            // docker keeps the probe's output with the health state (docker inspect): say why.
            Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex)
        {
            Console.WriteLine($"no answer from {url}: {ex.GetType().Name}");
            return 1;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var port = Port(configuration)!.Value;
        // HttpListener matches the request's host name against its prefixes: by default both loopback names.
        string[] hosts = configuration["Auction:Health:Host"] is { Length: > 0 } configured ? [configured] : ["localhost", "127.0.0.1"];
        using var listener = new HttpListener();
        foreach (var host in hosts) listener.Prefixes.Add($"http://{host}:{port}/health/");
        listener.Start();
        logger.LogInformation("Silo health on http://{Host}:{Port}/health/ready", hosts[^1], port);
        await using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            _ = Task.Run(() => Answer(context, stoppingToken), CancellationToken.None);
        }
    }

    private async Task Answer(HttpListenerContext context, CancellationToken stoppingToken)
    {
        var (code, body) = context.Request.Url?.AbsolutePath.TrimEnd('/') switch
        {
            "/health/live" => (200, "{\"status\":\"live\"}"),
            "/health/ready" => await Ready(stoppingToken),
            _ => (404, "{\"status\":\"not found\"}"),
        };
        try
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = code;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, stoppingToken);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // the prober gave up or the host is stopping
        }
    }

    /// <summary>Ready when this silo is Active and the journal store answers within 2 s (the probe waits 3 s in all).</summary>
    private async Task<(int, string)> Ready(CancellationToken stoppingToken)
    {
        var silo = status.CurrentStatus;
        string store = "ok";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await services.GetRequiredService<IJournalStore>().ReadAsync("health/probe", 0, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            store = ex.GetType().Name;
        }
        var ready = silo == SiloStatus.Active && store == "ok";
        return (ready ? 200 : 503, $"{{\"status\":\"{(ready ? "ready" : "not ready")}\",\"silo\":\"{silo}\",\"store\":\"{store}\"}}");
    }
}
