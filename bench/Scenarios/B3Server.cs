using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;

namespace Auction.Bench.Scenarios;

/// <summary>A timestamped broadcast of baseline B3: its sequence number and the server's UTC ticks when sent.</summary>
public sealed record B3Tick(long Seq, long SentUtcTicks);

/// <summary>The plain hub of B3: no Orleans, no auth, no per-connection outbox; it only counts its connections.</summary>
public sealed class B3Hub : Hub
{
    private static int _connected;

    public static int Connected => Volatile.Read(ref _connected);

    public override Task OnConnectedAsync()
    {
        Interlocked.Increment(ref _connected);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        Interlocked.Decrement(ref _connected);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>
/// <c>serve-b3 --port N</c>: the server of baseline B3, a minimal Kestrel app on 127.0.0.1 with one plain SignalR hub
/// (<see cref="HubPath"/>). <c>POST /broadcast?seq=S</c> sends one <see cref="B3Tick"/> to all connections (the
/// generator triggers each broadcast and measures in its own clock); <c>POST /burst?count=N&amp;rate=R</c> sends N
/// ticks at R per second from the server; <c>GET /connections</c> counts the hub's connections.
/// </summary>
public static class B3Server
{
    public const string HubPath = "/hubs/b3";
    public const string Method = "Tick";

    public static async Task<int> Run(string[] args)
    {
        var portText = args.SkipWhile(a => a != "--port").Skip(1).FirstOrDefault();
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            await Console.Error.WriteLineAsync("usage: serve-b3 --port N");
            return 2;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapHub<B3Hub>(HubPath);
        app.MapGet("/health", () => Results.Text("ok"));
        app.MapGet("/connections", () => Results.Text(B3Hub.Connected.ToString(CultureInfo.InvariantCulture)));
        app.MapPost("/broadcast", async (long seq, IHubContext<B3Hub> hub) =>
        {
            await hub.Clients.All.SendAsync(Method, new B3Tick(seq, DateTime.UtcNow.Ticks));
            return Results.Ok();
        });
        app.MapPost("/burst", (int count, double rate, IHubContext<B3Hub> hub) =>
        {
            _ = Task.Run(async () =>
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < count; i++)
                {
                    var wait = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait);
                    await hub.Clients.All.SendAsync(Method, new B3Tick(i, DateTime.UtcNow.Ticks));
                }
            });
            return Results.Accepted();
        });
        await app.RunAsync();
        return 0;
    }
}
