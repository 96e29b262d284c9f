using System.Diagnostics;
using System.Globalization;
using Auction.Bench.Core;
using Auction.Bench.Live;
using Auction.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Bench.Scenarios;

/// <summary>
/// B3: a plain SignalR hub (<see cref="B3Server"/>, its own process pinned to the server core, no Orleans, no auth)
/// broadcasting to N watchers held by the generator. The generator triggers each broadcast on a fixed schedule
/// (<c>POST /broadcast</c>) and measures receive − planned trigger time in its own clock, per N (the same N as S4),
/// and checks that every watcher got every message exactly once.
/// </summary>
public sealed class B3SignalRFanout : IBenchmark
{
    public string Id => "B3";
    public string Title => "SignalR fan-out: plain hub broadcast to N watchers";
    public IReadOnlyList<string> Baselines => [];
    public IReadOnlyList<Goal> Goals => [];

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var steps = LiveSizes.Watchers(context);
        var perStep = LiveSizes.MessagesPerStep(context);
        var rate = LiveSizes.Rate(context);
        var port = FreePorts.Next();
        var url = $"http://127.0.0.1:{port}";
        using var server = ServiceProcess.Start("b3-server", typeof(B3Server).Assembly.Location,
            ["serve-b3", "--port", port.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string>(), Runner.ServerCpus);
        await server.WaitHealthy($"{url}/health", TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };

        var deliveries = new Deliveries(LiveSizes.WarmUp + steps.Length * perStep, steps.Length);
        var duplicates = 0L;
        var metrics = new List<(string, double)>();
        var checks = new List<Check>();
        var notes = new List<string>();
        var triggerFailures = 0;
        await using (var pool = new WatcherPool(url + B3Server.HubPath))
        {
            var next = LiveSizes.WarmUp;
            for (var step = 0; step < steps.Length; step++)
            {
                var watchers = steps[step];
                var report = await pool.Add(watchers - pool.Count, (connection, _) =>
                {
                    var seen = new byte[deliveries.Messages];
                    connection.On<B3Tick>(B3Server.Method, tick =>
                    {
                        var now = Stopwatch.GetTimestamp();
                        if (tick.Seq >= 0 && tick.Seq < seen.Length && seen[tick.Seq]++ > 0) Interlocked.Increment(ref duplicates);
                        deliveries.Receive(tick.Seq, now);
                    });
                }, null, LiveSizes.ConnectParallelism, maxFailures: 200, cancellationToken);
                context.Log.WriteLine($"  B3 N={watchers}: {report}");
                // A client is started once its handshake is answered, a moment before the hub adds it to All.
                var serverCount = -1;
                var clock = Stopwatch.StartNew();
                while ((serverCount = await ServerConnections(http)) < pool.Count && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50, cancellationToken);
                checks.Add(new Check($"B3 N={watchers}: every watcher connected", pool.Count == watchers && serverCount == pool.Count,
                    $"{pool.Count}/{watchers} held ({report}); server counts {serverCount}; {ProcessFacts.Describe("generator", Environment.ProcessId)}"));
                if (pool.Count == 0) break;

                if (step == 0) triggerFailures += await deliveries.SendOnSchedule(0, LiveSizes.WarmUp, -1, rate, sequential: false, Broadcast, cancellationToken);
                var trace = LiveSizes.Trace(context, $"{Id}-{watchers}", perStep, rate, [("b3server", server.Pid ?? 0)]);
                var busy = ProcessFacts.Busy(server.Pid ?? 0);
                triggerFailures += await deliveries.SendOnSchedule(next, perStep, step, rate, sequential: false, Broadcast, cancellationToken);
                next += perStep;
                var expected = (long)pool.Count * perStep;
                await Deliveries.WaitUntil(() => deliveries.Received(step) >= expected, LiveSizes.Drain(watchers), cancellationToken);
                metrics.AddRange(busy.StepMetrics(watchers, deliveries.Received(step)));
                if (trace is not null) await trace.Stop();
                metrics.AddRange(deliveries.StepMetrics(step, watchers, expected));
                metrics.Add((LiveSizes.Metric("held", watchers), pool.Count));
                checks.Add(new Check($"B3 N={watchers}: every watcher got every message", deliveries.Received(step) == expected,
                    $"{deliveries.Received(step)} of {expected} deliveries ({pool.Count} watchers × {perStep} messages)"));
            }
            metrics.Add(("duplicates", Interlocked.Read(ref duplicates)));
            metrics.Add(("dropped", pool.Dropped));
            checks.Add(new Check("B3: no duplicates, no dropped connections, no failed trigger", Interlocked.Read(ref duplicates) == 0 && pool.Dropped == 0 && triggerFailures == 0 && deliveries.Unknown == 0,
                $"{Interlocked.Read(ref duplicates)} duplicates, {pool.Dropped} connections dropped, {triggerFailures} broadcast triggers failed, {deliveries.Unknown} unknown messages"));
            notes.Add($"{perStep} broadcasts per N at {rate}/s, triggered over HTTP by the generator; latency = receive − planned trigger time (generator clock)");
        }
        server.Kill();
        return new Measurement(metrics.Where(m => double.IsFinite(m.Item2)).ToDictionary(m => m.Item1, m => m.Item2), checks, string.Join("; ", notes));

        async Task<bool> Broadcast(int message)
        {
            using var response = await http.PostAsync($"/broadcast?seq={message}", null, cancellationToken);
            return response.IsSuccessStatusCode;
        }
    }

    private static async Task<int> ServerConnections(HttpClient http)
    {
        try
        {
            return int.Parse(await http.GetStringAsync("/connections"), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or FormatException)
        {
            return -1;
        }
    }
}
